package dev.hourglass.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class JsonLogEncoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final JsonLogEncoder encoder = new JsonLogEncoder();

    JsonLogEncoderTest() {
        encoder.setContext(context);
        encoder.start();
    }

    @Test
    void an_event_is_one_line_with_time_level_logger_thread_and_the_formatted_message() throws Exception {
        LoggingEvent event = event("job '{}' run {}: ok", "nightly", "r-1");
        event.setTimeStamp(1_767_225_600_123L);

        String line = encode(event);

        assertThat(line).endsWith("\n").doesNotContain("\r");
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode json = JSON.readTree(line);
        assertThat(json.get("time").asText()).isEqualTo("2026-01-01T00:00:00.123Z");
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("logger").asText()).isEqualTo("dev.hourglass.runs");
        assertThat(json.get("thread").asText()).isEqualTo("worker-1");
        assertThat(json.get("message").asText()).isEqualTo("job 'nightly' run r-1: ok");
        assertThat(json.has("exception")).isFalse();
    }

    @Test
    void mdc_entries_are_top_level_fields_and_cannot_overwrite_the_events_own() throws Exception {
        LoggingEvent event = event("ran");
        event.setMDCPropertyMap(Map.of("jobId", "j-7", "runId", "r-9", "message", "forged"));

        JsonNode json = JSON.readTree(encode(event));

        assertThat(json.get("jobId").asText()).isEqualTo("j-7");
        assertThat(json.get("runId").asText()).isEqualTo("r-9");
        assertThat(json.get("message").asText()).isEqualTo("ran");
    }

    @Test
    void quotes_newlines_and_control_characters_stay_inside_one_json_string() throws Exception {
        String nasty = "a \"quoted\" name\nsecond line\ttab \u0001 and \\ backslash, ünïcode";

        String line = encode(event("{}", nasty));

        assertThat(line.strip()).doesNotContain("\n");
        assertThat(JSON.readTree(line).get("message").asText()).isEqualTo(nasty);
    }

    @Test
    void an_exception_is_a_field_with_its_stack_trace() throws Exception {
        LoggingEvent event = event("could not start");
        event.setThrowableProxy(new ch.qos.logback.classic.spi.ThrowableProxy(
                new IllegalStateException("disk full", new java.io.IOException("no space"))));

        String line = encode(event);

        assertThat(line.strip()).doesNotContain("\n");
        String exception = JSON.readTree(line).get("exception").asText();
        assertThat(exception).startsWith("java.lang.IllegalStateException: disk full")
                .contains("\tat dev.hourglass.app.JsonLogEncoderTest")
                .contains("Caused by: java.io.IOException: no space");
    }

    private LoggingEvent event(String message, Object... arguments) {
        LoggingEvent event = new LoggingEvent("test", context.getLogger("dev.hourglass.runs"), Level.INFO, message,
                null, arguments);
        event.setThreadName("worker-1");
        return event;
    }

    private String encode(LoggingEvent event) {
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }
}
