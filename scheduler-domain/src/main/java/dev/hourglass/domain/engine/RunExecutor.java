package dev.hourglass.domain.engine;

import dev.hourglass.domain.model.Claim;
import dev.hourglass.domain.model.Instants;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.policy.RunResult;
import dev.hourglass.domain.port.out.Metrics;
import dev.hourglass.domain.port.out.RunOutcome;
import dev.hourglass.domain.port.out.TaskRequest;
import dev.hourglass.domain.port.out.TaskRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Runs one claimed job's task and reports what happened; a throwing runner is a failed run, never a
 * lost one. A {@link VirtualMachineError} (out of memory, stack overflow) is not the job's fault: it
 * passes through, and the engine stops instead of counting it against every job.
 */
public final class RunExecutor {

    private final TaskRunner runner;
    private final Clock clock;
    private final Metrics metrics;

    public RunExecutor(TaskRunner runner, Clock clock) {
        this(runner, clock, Metrics.NONE);
    }

    /** As {@link #RunExecutor(TaskRunner, Clock)}, telling {@code metrics} when tasks start and end. */
    public RunExecutor(TaskRunner runner, Clock clock, Metrics metrics) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Runs {@code claimedJob}, which must hold the claim of this run. */
    public RunResult execute(Job claimedJob) {
        Claim claim = Objects.requireNonNull(claimedJob.claim(), "the job holds no claim");
        Instant startedAt = Instants.now(clock);
        TaskRequest request = new TaskRequest(claim.runId(), claimedJob.id(), claimedJob.name(), claimedJob.task(),
                claim.plannedAt(), startedAt, claimedJob.consecutiveErrors() + 1);
        RunOutcome outcome;
        metrics.taskStarted(claim.isManual() ? null : Duration.between(claim.plannedAt(), startedAt));
        try {
            outcome = runner.run(request);
            if (outcome == null) {
                outcome = RunOutcome.failed("the task runner returned no outcome");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = RunOutcome.failed("interrupted");
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // Whatever else the task threw, the run ends and its claim is released.
            outcome = RunOutcome.failed(describe(e));
        } finally {
            metrics.taskFinished();
        }
        long durationMs = Math.max(0, Duration.between(startedAt, Instants.now(clock)).toMillis());
        return new RunResult(claimedJob, claim, startedAt, durationMs, outcome);
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }
}
