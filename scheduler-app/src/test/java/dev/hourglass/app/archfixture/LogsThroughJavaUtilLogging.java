package dev.hourglass.app.archfixture;

import java.util.logging.Logger;

/** Breaks {@code no_java_util_logging}. */
public final class LogsThroughJavaUtilLogging {

    private static final Logger LOG = Logger.getLogger(LogsThroughJavaUtilLogging.class.getName());

    public void log() {
        LOG.info("fired");
    }
}
