package dev.hourglass.domain.service;

import dev.hourglass.domain.error.ConcurrentUpdateException;
import dev.hourglass.domain.error.JobNotFoundException;
import dev.hourglass.domain.engine.Engine;
import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Claim;
import dev.hourglass.domain.model.Instants;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.RunId;
import dev.hourglass.domain.model.RunStatus;
import dev.hourglass.domain.policy.Lifecycle;
import dev.hourglass.domain.policy.Operation;
import dev.hourglass.domain.policy.UnexpectedVerdictException;
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
 * "Run now": claims the job for this instance like the engine does (so it cannot overlap a fire
 * anywhere), runs it on the engine's worker pool and records the outcome under the same rules as
 * any other run; the caller waits for it.
 */
public final class RunJobNowService implements RunJobNowUseCase {

    private final JobStore store;
    private final Engine engine;
    private final Clock clock;
    private final Supplier<String> ids;

    public RunJobNowService(JobStore store, Engine engine, Clock clock, Supplier<String> ids) {
        this.store = Objects.requireNonNull(store, "store");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    @Override
    public ManualRun runNow(RunJobNowCommand command) {
        Engine.RecordedRun run = engine.runClaimed(claim(command));
        RunStatus status = run.result().outcome() instanceof RunOutcome.Ok ? RunStatus.OK : RunStatus.ERROR;
        return new ManualRun(status, run.result().summary(), run.after());
    }

    private Job claim(RunJobNowCommand command) {
        for (int attempt = 0; attempt < JobCommandService.MAX_ATTEMPTS; attempt++) {
            Job current = store.find(command.jobId()).orElseThrow(() -> new JobNotFoundException(command.jobId().value()));
            Verdict verdict = Lifecycle.decide(current.status(), current.isRunning(), Operation.RUN_NOW);
            if (verdict instanceof Verdict.Refuse refusal) {
                throw Rejections.of(refusal.code(), current, Operation.RUN_NOW);
            }
            if (!(verdict instanceof Verdict.Fire)) {
                throw new UnexpectedVerdictException(current.status(), Operation.RUN_NOW, verdict);
            }
            Instant now = Instants.now(clock);
            Claim claim = Claim.of(new RunId(ids.get()), null, now, current.version() + 1, engine.instanceId());
            AuditEntry entry = AuditEntry.of(ids.get(), current, AuditAction.RUN, current.status(), current.status(),
                    command.actor(), null, now);
            JobWrite.Save write = JobWrite.save(current, current.claim(claim, now), List.of(entry));
            if (store.apply(write)) {
                return write.job();
            }
        }
        throw new ConcurrentUpdateException(command.jobId().value());
    }
}
