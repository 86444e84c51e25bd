package dev.hourglass.app.runner;

import dev.hourglass.domain.model.Utf8;
import dev.hourglass.domain.port.out.RunOutcome;
import dev.hourglass.domain.port.out.TaskRequest;
import dev.hourglass.domain.port.out.TaskRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default runner: notes each run in the log and succeeds. It logs the task's size, not its
 * body, because task payloads may carry credentials for the systems they call.
 */
public final class LogTaskRunner implements TaskRunner {

    private static final Logger LOG = LoggerFactory.getLogger(LogTaskRunner.class);

    @Override
    public RunOutcome run(TaskRequest request) {
        LOG.info("job '{}' run {} (attempt {}): task of {} bytes", request.jobName(), request.runId(),
                request.attempt(), Utf8.byteLength(request.task()));
        return RunOutcome.ok("logged");
    }
}
