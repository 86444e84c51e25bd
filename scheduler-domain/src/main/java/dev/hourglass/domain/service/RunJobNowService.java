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
import java.util.function.Supplier;

/**
 * "Run now": claims the job like the engine does (so it cannot overlap a scheduled fire), runs it
 * in the caller's thread and records the outcome under the same rules as any other run.
 */
public final class RunJobNowService implements RunJobNowUseCase {

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
        var after = recorder.record(List.of(result)).get(0);
        RunStatus status = result.outcome() instanceof RunOutcome.Ok ? RunStatus.OK : RunStatus.ERROR;
        return new ManualRun(status, result.summary(), after);
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
