package dev.hourglass.app;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;

/**
 * {@code --log-format json}: one JSON object per line with {@code time} (UTC, milliseconds),
 * {@code level}, {@code logger}, {@code thread}, {@code message} (formatted), every MDC entry
 * ({@code jobId}, {@code runId}, ...) as a top-level field, and {@code exception} (the stack trace
 * as text) when the event carries one.
 *
 * <p>Not logback's own {@code JsonEncoder}: its field names are fixed ({@code timestamp} as epoch
 * milliseconds, {@code loggerName}, {@code message} as the unformatted pattern, MDC nested under
 * {@code mdc}), and the contract names {@code time}, {@code logger}, {@code message},
 * {@code jobId}. Jackson does the escaping.
 */
final class JsonLogEncoder extends EncoderBase<ILoggingEvent> {

    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);
    /** MDC keys that would overwrite a field of the event itself are left out. */
    private static final Set<String> FIELDS = Set.of("time", "level", "logger", "thread", "message", "exception");
    private static final byte[] NONE = new byte[0];

    @Override
    public byte[] headerBytes() {
        return NONE;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(line, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("time", TIME.format(Instant.ofEpochMilli(event.getTimeStamp())));
            json.writeStringField("level", event.getLevel().toString());
            json.writeStringField("logger", event.getLoggerName());
            json.writeStringField("thread", event.getThreadName());
            json.writeStringField("message", event.getFormattedMessage());
            Map<String, String> mdc = event.getMDCPropertyMap();
            if (mdc != null) {
                for (Map.Entry<String, String> entry : mdc.entrySet()) {
                    if (!FIELDS.contains(entry.getKey()) && entry.getValue() != null) {
                        json.writeStringField(entry.getKey(), entry.getValue());
                    }
                }
            }
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                json.writeStringField("exception", ThrowableProxyUtil.asString(thrown));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a log event as JSON", e);
        }
        line.write('\n');
        return line.toByteArray();
    }

    @Override
    public byte[] footerBytes() {
        return NONE;
    }
}
