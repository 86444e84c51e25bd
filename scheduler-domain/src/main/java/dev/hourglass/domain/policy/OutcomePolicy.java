package dev.hourglass.domain.policy;

import dev.hourglass.domain.model.Actor;
import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.model.LastRun;
import dev.hourglass.domain.model.RunRecord;
import dev.hourglass.domain.model.RunStatus;
import dev.hourglass.domain.port.out.JobWrite;
import dev.hourglass.domain.port.out.RunOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a finished run does to its job: success resets the error count and plans the next fire;
 * an error backs off and, after too many in a row, trips the circuit breaker. A pure function of
 * the job, the run and the time, apart from the ids of the audit entries it writes.
 */
public final class OutcomePolicy {

    static final String INTERRUPTED_ERROR = "interrupted: the scheduler stopped before the run finished";

    private final BreakerSettings breaker;
    private final Supplier<String> ids;

    public OutcomePolicy(BreakerSettings breaker, Supplier<String> ids) {
        this.breaker = Objects.requireNonNull(breaker, "breaker");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /**
     * Records {@code run} on {@code current}, the job as stored now. When an operator changed the job
     * during the run (its version moved past the claim's), only the run itself is recorded: the
     * status, next run and error count the operator set stay.
     */
    public OutcomeDecision decide(Job current, RunResult run, Instant now) {
        boolean ok = run.outcome() instanceof RunOutcome.Ok;
        String error = ok ? null : ((RunOutcome.Failed) run.outcome()).error();
        String output = ok ? ((RunOutcome.Ok) run.outcome()).output() : null;
        RunStatus status = ok ? RunStatus.OK : RunStatus.ERROR;
        RunRecord record = new RunRecord(run.claim().runId(), current.id(), run.claim().plannedAt(), run.startedAt(),
                run.durationMs(), status, error, output);
        Job recorded = current.withRunRecorded(new LastRun(run.startedAt(), status, run.durationMs(), error), true, now);

        if (current.version() != run.claim().version()) {
            return new OutcomeDecision(JobWrite.save(current, recorded, List.of(), record), false);
        }
        return ok ? succeeded(current, recorded, run, record, now)
                : failed(current, recorded, (RunOutcome.Failed) run.outcome(), record, now);
    }

    /**
     * Marks the claimed run of {@code current} interrupted (the process died during it) and keeps the
     * claim, so the same run id fires again. Not an error, not a run.
     */
    public JobWrite.Save interrupted(Job current, Instant now) {
        var claim = current.claim();
        Instant startedAt = claim.claimedAt();
        RunRecord record = new RunRecord(claim.runId(), current.id(), claim.plannedAt(), startedAt, 0,
                RunStatus.INTERRUPTED, INTERRUPTED_ERROR, null);
        // An operator who changed the job during the run still wins when the run is fired again:
        // the claim keeps its old version then, which the job's growing version never matches.
        long claimVersion = claim.version() == current.version() ? current.version() + 1 : claim.version();
        Job marked = current.withRunRecorded(new LastRun(startedAt, RunStatus.INTERRUPTED, 0, INTERRUPTED_ERROR),
                false, now).withClaim(claim.withVersion(claimVersion), now);
        return JobWrite.save(current, marked, List.of(), record);
    }

    private OutcomeDecision succeeded(Job current, Job recorded, RunResult run, RunRecord record, Instant now) {
        var next = current.schedule().nextFire(run.claim().plannedAt(), now);
        if (current.deleteAfterRun() || next.isEmpty()) {
            Job completed = recorded.withStatus(JobStatus.COMPLETED, null, 0, now);
            AuditEntry complete = entry(current, AuditAction.COMPLETE, JobStatus.COMPLETED, null, now);
            if (current.deleteAfterRun()) {
                // The job is deleted from completed, just entered: the audit reads complete, then delete.
                AuditEntry delete = AuditEntry.of(ids.get(), current, AuditAction.DELETE, JobStatus.COMPLETED, null,
                        Actor.SCHEDULER, "deleteAfterRun: removed after a successful run", now);
                return new OutcomeDecision(JobWrite.remove(current, List.of(complete, delete)), false);
            }
            return new OutcomeDecision(JobWrite.save(current, completed, List.of(complete), record), false);
        }
        Job planned = recorded.withStatus(JobStatus.ACTIVE, fireable(current, next.get()), 0, now);
        return new OutcomeDecision(JobWrite.save(current, planned, List.of(), record), false);
    }

    private OutcomeDecision failed(Job current, Job recorded, RunOutcome.Failed failure, RunRecord record,
            Instant now) {
        int errors = current.consecutiveErrors() + 1;
        int limit = current.schedule().repeats() ? breaker.maxConsecutiveErrors()
                : Math.min(breaker.maxConsecutiveErrors(), breaker.maxOneShotErrors());
        if (errors >= limit) {
            Job failed = recorded.withStatus(JobStatus.FAILED, null, errors, now);
            AuditEntry fail = entry(current, AuditAction.FAIL, JobStatus.FAILED, failed.lastRun().error(), now);
            return new OutcomeDecision(JobWrite.save(current, failed, List.of(fail), record), true);
        }
        Instant retry = current.schedule().retryAt(now.plus(Backoff.after(errors)), now);
        Instant notBefore = failure.retryAfterHint().map(now::plus).orElse(retry);
        if (notBefore.isAfter(retry)) {
            retry = notBefore;
        }
        Job retrying = recorded.withStatus(JobStatus.ACTIVE, fireable(current, retry), errors, now);
        return new OutcomeDecision(JobWrite.save(current, retrying, List.of(), record), false);
    }

    private static Instant fireable(Job job, Instant next) {
        return job.enabled() ? next : null;
    }

    private AuditEntry entry(Job job, AuditAction action, JobStatus newStatus, String detail, Instant now) {
        return AuditEntry.of(ids.get(), job, action, job.status(), newStatus, Actor.SCHEDULER, detail, now);
    }
}
