package dev.hourglass.domain.service;

import dev.hourglass.domain.error.ConcurrentUpdateException;
import dev.hourglass.domain.error.ErrorCode;
import dev.hourglass.domain.error.JobNotFoundException;
import dev.hourglass.domain.engine.OutcomeRecorder;
import dev.hourglass.domain.engine.RunExecutor;
import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Claim;
import dev.hourglass.domain.model.Instants;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.RunId;
import dev.hourglass.domain.model.RunStatus;
import dev.hourglass.domain.policy.Lifecycle;
import dev.hourglass.domain.policy.Operation;
import dev.hourglass.domain.policy.RunResult;
import dev.hourglass.domain.policy.Verdict;
import dev.hourglass.domain.port.in.ManualRun;
import dev.hourglass.domain.port.in.RunJobNowCommand;
import dev.hourglass.domain.port.in.RunJobNowUseCase;
import dev.hourglass.domain.port.out.JobStore;
import dev.hourglass.domain.port.out.JobWrite;
import dev.hourglass.domain.port.out.RunOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * "Run now": claims the job like the engine does (so it cannot overlap a scheduled fire), runs it
 * in the caller's thread and records the outcome under the same rules as any other run.
 */
public final class RunJobNowService implements RunJobNowUseCase {

    private static final int RECORD_ATTEMPTS = 3;

    private final JobStore store;
    private final RunExecutor executor;
    private final OutcomeRecorder recorder;
    private final Clock clock;
    private final Supplier<String> ids;

    public RunJobNowService(JobStore store, RunExecutor executor, OutcomeRecorder recorder, Clock clock,
            Supplier<String> ids) {
        this.store = Objects.requireNonNull(store, "store");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    @Override
    public ManualRun runNow(RunJobNowCommand command) {
        Job claimed = claim(command);
        RunResult result = executor.execute(claimed);
        var after = record(result);
        RunStatus status = result.outcome() instanceof RunOutcome.Ok ? RunStatus.OK : RunStatus.ERROR;
        return new ManualRun(status, result.summary(), after);
    }

    /**
     * Stores the outcome, trying a few times: until it is stored the job stays claimed and would not
     * fire again before a restart. A store that keeps failing is reported to the caller.
     */
    private Optional<Job> record(RunResult result) {
        for (int attempt = 1; ; attempt++) {
            try {
                return recorder.record(List.of(result)).get(0);
            } catch (RuntimeException e) {
                if (attempt == RECORD_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private Job claim(RunJobNowCommand command) {
        for (int attempt = 0; attempt < JobCommandService.MAX_ATTEMPTS; attempt++) {
            Job current = store.find(command.jobId()).orElseThrow(() -> new JobNotFoundException(command.jobId().value()));
            Verdict verdict = Lifecycle.decide(current.status(), Operation.RUN_NOW);
            if (verdict instanceof Verdict.Refuse refusal) {
                throw Rejections.of(refusal.code(), current, Operation.RUN_NOW);
            }
            if (current.isRunning()) {
                throw Rejections.of(ErrorCode.ALREADY_RUNNING, current, Operation.RUN_NOW);
            }
            Instant now = Instants.now(clock);
            Claim claim = new Claim(new RunId(ids.get()), null, now, current.version() + 1);
            AuditEntry entry = AuditEntry.of(ids.get(), current, AuditAction.RUN, current.status(), current.status(),
                    command.actor(), null, now);
            JobWrite.Save write = JobWrite.save(current, current.withClaim(claim, now), List.of(entry));
            if (store.apply(write)) {
                return write.job();
            }
        }
        throw new ConcurrentUpdateException(command.jobId().value());
    }
}
