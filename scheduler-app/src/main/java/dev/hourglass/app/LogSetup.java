package dev.hourglass.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's logging, set up in code: one line per event on standard error (standard output
 * carries only the ready line). Reading an XML configuration would cost start-up time for nothing;
 * an operator's own file ({@code -Dlogback.configurationFile=...}) still takes precedence.
 *
 * <p>Logback configures itself at the first logger, before the command line is parsed, so it starts
 * in {@link LogFormat#TEXT}; {@link #use} switches to the format the options ask for.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{24} - %msg%n";
    private static final String APPENDER = "stderr";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr(context, LogFormat.TEXT));
        for (String noisy : new String[] {"org.eclipse.jetty", "io.javalin", "org.jdbi"}) {
            context.getLogger(noisy).setLevel(Level.WARN);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * Writes every later event in {@code format}. Does nothing where logging is not this class's
     * (an operator's own logback file, a test's): that configuration decides the format.
     */
    public static void use(LogFormat format) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext)) {
            return;
        }
        LoggerContext context = (LoggerContext) factory;
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Appender<ILoggingEvent> current = root.getAppender(APPENDER);
        if (!(current instanceof ConsoleAppender)) {
            return;
        }
        // Detached first: an event in between is lost rather than written in the old format into the new.
        root.detachAppender(current);
        current.stop();
        root.addAppender(stderr(context, format));
    }

    private static ConsoleAppender<ILoggingEvent> stderr(LoggerContext context, LogFormat format) {
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName(APPENDER);
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder(context, format));
        stderr.start();
        return stderr;
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, LogFormat format) {
        if (format == LogFormat.JSON) {
            JsonLogEncoder json = new JsonLogEncoder();
            json.setContext(context);
            json.start();
            return json;
        }
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern(PATTERN);
        text.start();
        return text;
    }
}
