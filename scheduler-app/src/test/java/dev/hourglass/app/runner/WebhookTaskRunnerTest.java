package dev.hourglass.app.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.app.StubWebhook;
import dev.hourglass.app.StubWebhook.Answer;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.RunId;
import dev.hourglass.domain.port.out.RunOutcome;
import dev.hourglass.domain.port.out.TaskRequest;
import dev.hourglass.domain.testing.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookTaskRunnerTest {

    private final ManualClock clock = ManualClock.at("2026-11-28T10:00:00Z");
    private final StubWebhook stub = new StubWebhook();
    private final TaskRequest request = new TaskRequest(new RunId("run-1"), new JobId("job-1"), "sync", "{\"x\":1}",
            Instant.parse("2026-11-28T09:59:59Z"), Instant.parse("2026-11-28T10:00:00Z"), 3);

    WebhookTaskRunnerTest() throws Exception {
    }

    @AfterEach
    void close() {
        stub.close();
    }

    @Test
    void posts_the_run_as_json_with_idempotency_key_and_job_header() throws Exception {
        RunOutcome outcome = runner(Duration.ofSeconds(5)).run(request);

        assertThat(outcome).isEqualTo(RunOutcome.ok("ok"));
        StubWebhook.Received received = stub.received().get(0);
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.header("Idempotency-Key")).isEqualTo("run-1");
        assertThat(received.header("X-Hourglass-Job-Id")).isEqualTo("job-1");
        assertThat(received.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = new ObjectMapper().readTree(received.body());
        assertThat(body.get("runId").asText()).isEqualTo("run-1");
        assertThat(body.get("jobId").asText()).isEqualTo("job-1");
        assertThat(body.get("jobName").asText()).isEqualTo("sync");
        assertThat(body.get("task").asText()).isEqualTo("{\"x\":1}");
        assertThat(body.get("plannedAt").asText()).isEqualTo("2026-11-28T09:59:59.000Z");
        assertThat(body.get("firedAt").asText()).isEqualTo("2026-11-28T10:00:00.000Z");
        assertThat(body.get("attempt").asInt()).isEqualTo(3);
    }

    @Test
    void a_manual_run_sends_a_null_planned_instant() throws Exception {
        TaskRequest manual = new TaskRequest(new RunId("run-2"), new JobId("job-1"), "sync", "t", null,
                Instant.parse("2026-11-28T10:00:00Z"), 1);

        runner(Duration.ofSeconds(5)).run(manual);

        assertThat(new ObjectMapper().readTree(stub.received().get(0).body()).get("plannedAt").isNull()).isTrue();
    }

    @Test
    void a_server_error_is_a_failed_run_with_status_and_the_start_of_the_body() throws Exception {
        stub.answer(Answer.status(500, "x".repeat(300)));

        RunOutcome outcome = runner(Duration.ofSeconds(5)).run(request);

        assertThat(outcome).isEqualTo(RunOutcome.failed("HTTP 500: " + "x".repeat(200)));
    }

    @Test
    void retry_after_in_seconds_on_429_becomes_the_retry_hint() throws Exception {
        stub.answer(Answer.status(429, "slow down", Map.of("Retry-After", "120")));

        RunOutcome outcome = runner(Duration.ofSeconds(5)).run(request);

        assertThat(outcome).isEqualTo(RunOutcome.failed("HTTP 429: slow down", Duration.ofSeconds(120)));
    }

    @Test
    void retry_after_as_an_http_date_on_503_becomes_the_retry_hint() throws Exception {
        stub.answer(Answer.status(503, "maintenance", Map.of("Retry-After", "Sat, 28 Nov 2026 10:05:00 GMT")));

        RunOutcome outcome = runner(Duration.ofSeconds(5)).run(request);

        assertThat(outcome).isEqualTo(RunOutcome.failed("HTTP 503: maintenance", Duration.ofMinutes(5)));
    }

    @Test
    void retry_after_on_other_statuses_is_ignored() throws Exception {
        stub.answer(Answer.status(500, "boom", Map.of("Retry-After", "120")));

        RunOutcome outcome = runner(Duration.ofSeconds(5)).run(request);

        assertThat(outcome).isEqualTo(RunOutcome.failed("HTTP 500: boom"));
    }

    @Test
    void a_webhook_that_never_answers_is_cut_at_the_timeout() throws Exception {
        stub.answer(Answer.hanging("late"));

        RunOutcome outcome = runner(Duration.ofMillis(300)).run(request);

        assertThat(outcome).isInstanceOf(RunOutcome.Failed.class);
        assertThat(((RunOutcome.Failed) outcome).error()).startsWith("timeout");
    }

    @Test
    void an_unreachable_webhook_is_a_failed_run_naming_the_reason() throws Exception {
        URI closed = stub.url();
        stub.close();

        RunOutcome outcome = new WebhookTaskRunner(closed, Duration.ofSeconds(5), clock).run(request);

        assertThat(((RunOutcome.Failed) outcome).error()).startsWith("webhook unreachable");
    }

    @Test
    void only_the_first_four_kibibytes_of_a_huge_answer_are_read() throws Exception {
        stub.answer(Answer.huge("0123456789abcdef".repeat(64), 100 * 1024));

        RunOutcome outcome = runner(Duration.ofSeconds(10)).run(request);

        assertThat(((RunOutcome.Ok) outcome).output()).hasSize(4096).startsWith("0123456789abcdef");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "HTTP {0} is a dependency fault")
    @org.junit.jupiter.params.provider.ValueSource(ints = {429, 502, 503, 504})
    void an_unavailable_receiver_is_a_dependency_fault(int status) throws Exception {
        stub.answer(Answer.status(status, "unavailable"));

        RunOutcome outcome = runner(Duration.ofSeconds(5)).run(request);

        assertThat(((RunOutcome.Failed) outcome).dependencyFault()).isTrue();
        assertThat(((RunOutcome.Failed) outcome).error()).isEqualTo("HTTP " + status + ": unavailable");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "HTTP {0} is an ordinary error")
    @org.junit.jupiter.params.provider.ValueSource(ints = {400, 401, 404, 409, 500, 501})
    void any_other_status_is_an_ordinary_error(int status) throws Exception {
        stub.answer(Answer.status(status, "wrong"));

        RunOutcome outcome = runner(Duration.ofSeconds(5)).run(request);

        assertThat(((RunOutcome.Failed) outcome).dependencyFault()).isFalse();
    }

    @Test
    void a_dependency_fault_passes_its_retry_after_on() throws Exception {
        stub.answer(Answer.status(429, "slow down", Map.of("Retry-After", "120")));

        RunOutcome.Failed outcome = (RunOutcome.Failed) runner(Duration.ofSeconds(5)).run(request);

        assertThat(outcome.dependencyFault()).isTrue();
        assertThat(outcome.retryAfterHint()).contains(Duration.ofSeconds(120));
    }

    @Test
    void a_timeout_and_a_connection_failure_are_dependency_faults() throws Exception {
        stub.answer(Answer.hanging("late"));
        RunOutcome.Failed timedOut = (RunOutcome.Failed) runner(Duration.ofMillis(300)).run(request);
        URI closed = stub.url();
        stub.close();
        RunOutcome.Failed unreachable = (RunOutcome.Failed) new WebhookTaskRunner(closed, Duration.ofSeconds(5), clock)
                .run(request);

        assertThat(timedOut.dependencyFault()).isTrue();
        assertThat(unreachable.dependencyFault()).isTrue();
    }

    private WebhookTaskRunner runner(Duration timeout) {
        return new WebhookTaskRunner(stub.url(), timeout, clock);
    }
}
