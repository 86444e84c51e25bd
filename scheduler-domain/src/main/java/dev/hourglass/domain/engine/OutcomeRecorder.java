package dev.hourglass.domain.engine;

import dev.hourglass.domain.model.Instants;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.policy.OutcomeDecision;
import dev.hourglass.domain.policy.OutcomePolicy;
import dev.hourglass.domain.policy.RunResult;
import dev.hourglass.domain.port.out.Applied;
import dev.hourglass.domain.port.out.JobStore;
import dev.hourglass.domain.port.out.JobWrite;
import dev.hourglass.domain.port.out.Metrics;
import dev.hourglass.domain.port.out.RunOutcome;
import dev.hourglass.domain.model.RunStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Stores the outcomes of finished runs, many in one transaction. A run whose job changed since its
 * claim is decided again against the stored job: the operator wins, a claim taken over by another
 * instance makes the outcome {@code superseded}, a deleted job drops it. Alerts (a tripped breaker)
 * are written with the outcome, into the outbox. A run that concerns its job's dependency (a
 * dependency fault, a held job's run, the probe) is stored with the dependency's change instead,
 * on its own ({@link DependencyRuns}).
 */
public final class OutcomeRecorder {

    private static final int MAX_ATTEMPTS = 20;

    private final JobStore store;
    private final OutcomePolicy policy;
    private final Clock clock;
    private final Runnable onScheduleChange;
    private final Runnable onAlert;
    private final Metrics metrics;
    private final DependencyRuns dependencyRuns;

    public OutcomeRecorder(JobStore store, OutcomePolicy policy, Clock clock, Runnable onScheduleChange,
            Runnable onAlert) {
        this(store, policy, clock, onScheduleChange, onAlert, Metrics.NONE);
    }

    /** As the other constructor, reporting stored outcomes, breaker trips and commit times to {@code metrics}. */
    public OutcomeRecorder(JobStore store, OutcomePolicy policy, Clock clock, Runnable onScheduleChange,
            Runnable onAlert, Metrics metrics) {
        this(store, policy, clock, onScheduleChange, onAlert, metrics, DependencyRuns.NONE);
    }

    /**
     * As the other constructors; the runs that concern a job's dependency (CONTRACT §11.1) are
     * recorded through {@code dependencyRuns}, each atomically with its dependency.
     */
    OutcomeRecorder(JobStore store, OutcomePolicy policy, Clock clock, Runnable onScheduleChange,
            Runnable onAlert, Metrics metrics, DependencyRuns dependencyRuns) {
        this.dependencyRuns = Objects.requireNonNull(dependencyRuns, "dependencyRuns");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.store = Objects.requireNonNull(store, "store");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onScheduleChange = Objects.requireNonNull(onScheduleChange, "onScheduleChange");
        this.onAlert = Objects.requireNonNull(onAlert, "onAlert");
    }

    /**
     * Records the runs; for each, the job as stored afterwards, or empty when it no longer exists.
     *
     * @throws OutcomesNotRecordedException when the store fails, or when some jobs kept changing under
     *         every attempt: it names the runs still to record; the others are stored and final
     */
    public List<Optional<Job>> record(List<RunResult> results) {
        List<Optional<Job>> after = new ArrayList<>(Collections.nCopies(results.size(), Optional.empty()));
        List<Job> current = new ArrayList<>(results.stream().map(RunResult::claimedJob).toList());
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            pending.add(i);
        }
        boolean[] settled = new boolean[results.size()];
        boolean[] alerted = {false};
        Instant now = Instants.now(clock);
        try {
            for (int attempt = 0; attempt < MAX_ATTEMPTS && !pending.isEmpty(); attempt++) {
                pending = dependencyRuns.record(results, pending, current, after, settled, alerted, now);
                if (!pending.isEmpty()) {
                    pending = recordOnce(results, pending, current, after, settled, alerted, now);
                }
            }
            if (!pending.isEmpty()) {
                throw new OutcomesNotRecordedException(unsettled(results, settled), "gave up recording "
                        + pending.size() + " run outcome(s) after " + MAX_ATTEMPTS + " attempts: their jobs kept "
                        + "changing; the runs stay claimed", null);
            }
        } catch (OutcomesNotRecordedException e) {
            throw e;
        } catch (RuntimeException e) {
            List<RunResult> remaining = unsettled(results, settled);
            throw new OutcomesNotRecordedException(remaining, "storing " + remaining.size() + " run outcome(s) "
                    + "failed: " + e.getMessage(), e);
        } finally {
            // Whatever was stored is final even if a later attempt failed.
            onScheduleChange.run();
            if (alerted[0]) {
                onAlert.run();
            }
        }
        return after;
    }

    private static List<RunResult> unsettled(List<RunResult> results, boolean[] settled) {
        List<RunResult> remaining = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (!settled[i]) {
                remaining.add(results.get(i));
            }
        }
        return remaining;
    }

    /**
     * One transaction for the pending runs; marks those stored or whose job is gone as settled, and
     * returns those to decide again against their reloaded job.
     */
    private List<Integer> recordOnce(List<RunResult> results, List<Integer> pending, List<Job> current,
            List<Optional<Job>> after, boolean[] settled, boolean[] alerted, Instant now) {
        List<OutcomeDecision> decisions = pending.stream()
                .map(i -> policy.decide(current.get(i), results.get(i), now))
                .toList();
        long started = System.nanoTime();
        Applied applied = store.apply(decisions.stream().map(OutcomeDecision::write).toList());
        metrics.outcomesCommitted(decisions.size(), Duration.ofNanos(System.nanoTime() - started));
        List<Integer> retry = new ArrayList<>();
        for (int k = 0; k < pending.size(); k++) {
            int i = pending.get(k);
            OutcomeDecision decision = decisions.get(k);
            if (applied.contains(decision.write())) {
                settled[i] = true;
                if (decision.write() instanceof JobWrite.Save save) {
                    after.set(i, Optional.of(save.job()));
                } else if (decision.write() instanceof JobWrite.History) {
                    after.set(i, Optional.of(current.get(i)));
                }
                alerted[0] |= decision.tripsBreaker();
                report(results.get(i), decision);
            }
        }
        for (int k = 0; k < pending.size(); k++) {
            int i = pending.get(k);
            if (!settled[i]) {
                Optional<Job> reloaded = store.find(results.get(i).claimedJob().id());
                if (reloaded.isEmpty()) {
                    settled[i] = true; // Deleted meanwhile: the outcome has nowhere to go.
                } else {
                    current.set(i, reloaded.get());
                    retry.add(i);
                }
            }
        }
        return retry;
    }

    private void report(RunResult result, OutcomeDecision decision) {
        RunStatus status = decision.write() instanceof JobWrite.History ? RunStatus.SUPERSEDED
                : result.outcome() instanceof RunOutcome.Ok ? RunStatus.OK : RunStatus.ERROR;
        metrics.runRecorded(status, Duration.ofMillis(result.durationMs()));
        if (decision.tripsBreaker()) {
            metrics.breakerTripped();
        }
    }
}
