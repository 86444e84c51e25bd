package dev.hourglass.domain.policy;

import dev.hourglass.domain.model.Actor;
import dev.hourglass.domain.model.Alert;
import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Claim;
import dev.hourglass.domain.model.InstanceId;
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
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a finished run does to its job: success resets the error count and plans the next fire;
 * an error backs off and, after too many in a row, trips the circuit breaker. Which of those may
 * happen is {@link Lifecycle}'s call; this class works out the ending, the instants and the
 * entries. A pure function of the job, the run and the time, apart from the ids it writes.
 */
public final class OutcomePolicy {

    static final String INTERRUPTED_ERROR = "interrupted: the scheduler stopped before the run finished";
    /** Recorded by the run's own instance when the JVM failed under it; a takeover then records nothing more. */
    static final String FATAL_ERROR = "interrupted: the JVM failed during the run; it fires again after a restart";

    private final BreakerSettings breaker;
    private final Supplier<String> ids;

    public OutcomePolicy(BreakerSettings breaker, Supplier<String> ids) {
        this.breaker = Objects.requireNonNull(breaker, "breaker");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /**
     * Records {@code run} on {@code current}, the job as stored now.
     * <ul>
     * <li>When the stored claim is no longer this run's (another instance took it over), the run goes
     * to history as {@code superseded} and nothing else changes.
     * <li>When an operator changed the job's state during the run (its version moved past the stored
     * claim's), only the run itself is recorded: the status, next run and error count the operator
     * set stay. An edit of the definition alone moves the claim with it, so the ending is decided as
     * usual, on the edited job: the next fire follows the new schedule.
     * <li>Otherwise the run's ending moves the job as {@link Lifecycle} says.
     * </ul>
     */
    public OutcomeDecision decide(Job current, RunResult run, Instant now) {
        return decide(current, run, now, true);
    }

    /**
     * Records {@code run} on {@code current} and nothing more, as when an operator changed the job
     * during the run: history, last run and run count; the status, next run and error count stay.
     * What a held job's run leaves (CONTRACT §11.1: its error counts nothing). A run whose claim was
     * taken over is {@code superseded}, as with {@link #decide}.
     */
    public OutcomeDecision recordOnly(Job current, RunResult run, Instant now) {
        return decide(current, run, now, false);
    }

    private OutcomeDecision decide(Job current, RunResult run, Instant now, boolean counts) {
        boolean ok = run.outcome() instanceof RunOutcome.Ok;
        String error = ok ? null : ((RunOutcome.Failed) run.outcome()).error();
        String output = ok ? ((RunOutcome.Ok) run.outcome()).output() : null;
        RunStatus status = ok ? RunStatus.OK : RunStatus.ERROR;
        Claim claim = run.claim();
        if (!claim.isSameHolding(current.claim())) {
            return new OutcomeDecision(new JobWrite.History(current.id(), record(current, claim, run,
                    RunStatus.SUPERSEDED, error, output)), false);
        }
        RunRecord record = record(current, claim, run, status, error, output);
        Job recorded = current.recordRun(new LastRun(run.startedAt(), status, run.durationMs(), error), true, now);
        // The stored claim's version, not the run's: an edit during the run moves the claim along
        // (the run still decides its outcome, against the new definition); a state change does not.
        if (!counts || current.version() != current.claim().version()) {
            return new OutcomeDecision(JobWrite.save(current, recorded, List.of(), record), false);
        }
        if (current.isProbing()) {
            return probed(current, recorded, ok, record, now);
        }
        return ok ? succeeded(current, recorded, claim, record, now)
                : failed(current, recorded, (RunOutcome.Failed) run.outcome(), record, now);
    }

    /**
     * {@code self} takes over the claimed run of {@code current}, whose owner is dead: the run is
     * recorded interrupted (once, if the owner did not record it itself), the claim moves to
     * {@code self} in the next epoch and keeps its run id, so the same run fires again. Not an
     * error, not a run.
     */
    public JobWrite.Save takeOver(Job current, InstanceId self, Instant now) {
        Claim old = current.claim();
        Objects.requireNonNull(old, "the job holds no claim");
        LastRun last = current.lastRun();
        boolean recordedAlready = last != null && last.status() == RunStatus.INTERRUPTED
                && last.startedAt().equals(old.claimedAt()) && FATAL_ERROR.equals(last.error());
        Claim moved = old.takenOverBy(self, claimVersionAfterSave(current));
        Job marked = current.takeOver(moved, interruptedRun(old, INTERRUPTED_ERROR), now);
        return JobWrite.save(current, marked, List.of(),
                recordedAlready ? null : interruptedRecord(current, old, INTERRUPTED_ERROR));
    }

    /**
     * The run of {@code current} was cut by its own instance (the JVM failed under it): it is
     * recorded interrupted and stays claimed, so it fires again with the same run id once another
     * start takes the claim over.
     */
    public JobWrite.Save interrupted(Job current, Instant now) {
        Claim claim = Objects.requireNonNull(current.claim(), "the job holds no claim");
        Claim kept = new Claim(claim.runId(), claim.plannedAt(), claim.claimedAt(), claimVersionAfterSave(current),
                claim.owner(), claim.epoch());
        Job marked = current.takeOver(kept, interruptedRun(claim, FATAL_ERROR), now);
        return JobWrite.save(current, marked, List.of(), interruptedRecord(current, claim, FATAL_ERROR));
    }

    /**
     * An operator who changed the job during the run still wins when the run is fired again: the
     * claim keeps its old version then, which the job's growing version never matches.
     */
    private static long claimVersionAfterSave(Job current) {
        Claim claim = current.claim();
        return claim.version() == current.version() ? current.version() + 1 : claim.version();
    }

    private static LastRun interruptedRun(Claim claim, String why) {
        return new LastRun(claim.claimedAt(), RunStatus.INTERRUPTED, 0, why);
    }

    private static RunRecord interruptedRecord(Job job, Claim claim, String why) {
        return new RunRecord(claim.runId(), job.id(), claim.plannedAt(), claim.claimedAt(), 0, RunStatus.INTERRUPTED,
                why, null, claim.owner());
    }

    private static RunRecord record(Job job, Claim claim, RunResult run, RunStatus status, String error,
            String output) {
        return new RunRecord(claim.runId(), job.id(), claim.plannedAt(), run.startedAt(), run.durationMs(), status,
                error, output, claim.owner(), job.isProbing());
    }

    /**
     * A probe of a failed job ended: success revives it as a force resume would (audited
     * {@code probe_resume} by the scheduler, naming what it cleared); an error leaves it failed, one
     * error more, with the next probe twice as far out.
     */
    private OutcomeDecision probed(Job current, Job recorded, boolean ok, RunRecord record, Instant now) {
        RunEnding ending = ok ? RunEnding.PROBE_SUCCEEDED : RunEnding.PROBE_FAILED;
        Verdict verdict = Lifecycle.decide(current.status(), ending);
        if (ok) {
            expect(entering(verdict, JobStatus.ACTIVE), current, ending, verdict);
            Job revived = recorded.activate(now);
            AuditEntry resume = entry(current, AuditAction.PROBE_RESUME, JobStatus.ACTIVE,
                    "a probe run succeeded; " + current.clearedByRevival(), now);
            return new OutcomeDecision(JobWrite.save(current, revived, List.of(resume), record), false);
        }
        expect(verdict instanceof Verdict.Unchanged, current, ending, verdict);
        Job waiting = recorded.probeFailed(current.consecutiveErrors() + 1, now);
        return new OutcomeDecision(JobWrite.save(current, waiting, List.of(), record), false);
    }

    private OutcomeDecision succeeded(Job current, Job recorded, Claim claim, RunRecord record, Instant now) {
        Optional<Instant> next = current.schedule().nextFire(claim.plannedAt(), now);
        RunEnding ending = current.deleteAfterRun() ? RunEnding.FINISHED_AND_REMOVED
                : next.isEmpty() ? RunEnding.FINISHED : RunEnding.SUCCEEDED;
        Verdict verdict = Lifecycle.decide(current.status(), ending);
        AuditEntry complete = entry(current, AuditAction.COMPLETE, JobStatus.COMPLETED, null, now);
        switch (ending) {
            case FINISHED_AND_REMOVED -> {
                expect(verdict instanceof Verdict.Remove, current, ending, verdict);
                // The job is deleted from completed, just entered: the audit reads complete, then delete.
                AuditEntry delete = AuditEntry.of(ids.get(), current, AuditAction.DELETE, JobStatus.COMPLETED, null,
                        Actor.SCHEDULER, "deleteAfterRun: removed after a successful run", now);
                return new OutcomeDecision(JobWrite.remove(current, List.of(complete, delete)), false);
            }
            case FINISHED -> {
                expect(entering(verdict, JobStatus.COMPLETED), current, ending, verdict);
                return new OutcomeDecision(JobWrite.save(current, recorded.complete(now), List.of(complete), record),
                        false);
            }
            default -> {
                expect(entering(verdict, JobStatus.ACTIVE), current, ending, verdict);
                return new OutcomeDecision(JobWrite.save(current, recorded.continueAt(next.get(), now), List.of(),
                        record), false);
            }
        }
    }

    private OutcomeDecision failed(Job current, Job recorded, RunOutcome.Failed failure, RunRecord record,
            Instant now) {
        int errors = current.consecutiveErrors() + 1;
        int limit = current.schedule().repeats() ? breaker.maxConsecutiveErrors()
                : Math.min(breaker.maxConsecutiveErrors(), breaker.maxOneShotErrors());
        RunEnding ending = errors >= limit ? RunEnding.FAILED_AT_LIMIT : RunEnding.FAILED;
        Verdict verdict = Lifecycle.decide(current.status(), ending);
        if (ending == RunEnding.FAILED_AT_LIMIT) {
            expect(entering(verdict, JobStatus.FAILED), current, ending, verdict);
            Job failed = recorded.tripBreaker(errors, now);
            AuditEntry fail = entry(current, AuditAction.FAIL, JobStatus.FAILED, failed.lastError(), now);
            JobWrite.Save write = JobWrite.save(current, failed, List.of(fail), record)
                    .alerting(Alert.jobFailed(ids.get(), failed, now));
            return new OutcomeDecision(write, true);
        }
        expect(entering(verdict, JobStatus.ACTIVE), current, ending, verdict);
        Instant retry = current.schedule().retryAt(now.plus(Backoff.after(errors)), now);
        Instant notBefore = failure.retryAfterHint().map(now::plus).orElse(retry);
        if (notBefore.isAfter(retry)) {
            retry = notBefore;
        }
        return new OutcomeDecision(JobWrite.save(current, recorded.retryAt(retry, errors, now), List.of(), record),
                false);
    }

    private static boolean entering(Verdict verdict, JobStatus status) {
        return verdict instanceof Verdict.Enter enter && enter.status() == status;
    }

    private static void expect(boolean asExpected, Job job, RunEnding ending, Verdict verdict) {
        if (!asExpected) {
            throw new UnexpectedVerdictException(job.status(), ending, verdict);
        }
    }

    private AuditEntry entry(Job job, AuditAction action, JobStatus newStatus, String detail, Instant now) {
        return AuditEntry.of(ids.get(), job, action, job.status(), newStatus, Actor.SCHEDULER, detail, now);
    }
}
