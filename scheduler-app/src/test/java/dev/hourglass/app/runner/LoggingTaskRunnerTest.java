package dev.hourglass.app.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.RunId;
import dev.hourglass.domain.port.out.RunOutcome;
import dev.hourglass.domain.port.out.TaskRequest;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LoggingTaskRunnerTest {

    private static final TaskRequest REQUEST = new TaskRequest(new RunId("run-1"), JobId.of("job-1"), "nightly",
            "{\"secret\":true}", null, Instant.parse("2026-01-01T00:00:00Z"), 1);

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void the_run_sees_its_job_and_run_id_in_the_mdc_and_they_are_gone_after() throws Exception {
        Map<String, String> seen = new HashMap<>();
        LoggingTaskRunner runner = new LoggingTaskRunner(request -> {
            seen.put("jobId", MDC.get("jobId"));
            seen.put("runId", MDC.get("runId"));
            return RunOutcome.ok("done");
        });

        runner.run(REQUEST);

        assertThat(seen).containsEntry("jobId", "job-1").containsEntry("runId", "run-1");
        assertThat(MDC.get("jobId")).isNull();
        assertThat(MDC.get("runId")).isNull();
    }

    @Test
    void the_mdc_is_cleared_when_the_runner_throws_and_other_entries_stay() {
        MDC.put("instance", "node-a");
        LoggingTaskRunner runner = new LoggingTaskRunner(request -> {
            throw new IllegalStateException("boom");
        });

        assertThatThrownBy(() -> runner.run(REQUEST)).hasMessage("boom");

        assertThat(MDC.get("jobId")).isNull();
        assertThat(MDC.get("runId")).isNull();
        assertThat(MDC.get("instance")).isEqualTo("node-a");
    }
}
