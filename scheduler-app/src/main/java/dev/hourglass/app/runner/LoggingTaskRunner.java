package dev.hourglass.app.runner;

import dev.hourglass.domain.port.out.RunOutcome;
import dev.hourglass.domain.port.out.TaskRequest;
import dev.hourglass.domain.port.out.TaskRunner;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One INFO line per run outcome (job, status, duration) around any runner; never the task body.
 * While the run lasts, the MDC holds {@code jobId} and {@code runId}, so every line logged on the
 * run's thread (the runner's own included) names them; they are removed when it ends.
 */
public final class LoggingTaskRunner implements TaskRunner {

    private static final Logger LOG = LoggerFactory.getLogger("dev.hourglass.runs");
    static final String JOB_ID = "jobId";
    static final String RUN_ID = "runId";

    private final TaskRunner delegate;

    public LoggingTaskRunner(TaskRunner delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public RunOutcome run(TaskRequest request) throws Exception {
        MDC.put(JOB_ID, request.jobId().value());
        MDC.put(RUN_ID, request.runId().value());
        try {
            return runAndLog(request);
        } finally {
            MDC.remove(JOB_ID);
            MDC.remove(RUN_ID);
        }
    }

    private RunOutcome runAndLog(TaskRequest request) throws Exception {
        long start = System.nanoTime();
        RunOutcome outcome;
        try {
            outcome = delegate.run(request);
        } catch (Exception | Error e) {
            LOG.info("job '{}' run {}: error after {} ms: {}", request.jobName(), request.runId(), elapsedMs(start), e.toString());
            throw e;
        }
        if (outcome instanceof RunOutcome.Failed failed) {
            LOG.info("job '{}' run {}: error after {} ms: {}", request.jobName(), request.runId(), elapsedMs(start),
                    failed.error());
        } else {
            LOG.info("job '{}' run {}: ok in {} ms", request.jobName(), request.runId(), elapsedMs(start));
        }
        return outcome;
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
