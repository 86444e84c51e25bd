package dev.hourglass.domain.engine;

import dev.hourglass.domain.model.Instants;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.policy.OutcomeDecision;
import dev.hourglass.domain.policy.OutcomePolicy;
import dev.hourglass.domain.policy.RunResult;
import dev.hourglass.domain.port.out.FailureNotifier;
import dev.hourglass.domain.port.out.JobStore;
import dev.hourglass.domain.port.out.JobWrite;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Stores the outcomes of finished runs, many in one transaction. A run whose job changed since its
 * claim is decided again against the stored job (the operator wins); a run whose job was deleted
 * is dropped. The failure notifier hears of a breaker trip only after it is stored.
 */
public final class OutcomeRecorder {

    private static final System.Logger LOG = System.getLogger(OutcomeRecorder.class.getName());
    private static final int MAX_ATTEMPTS = 20;

    private final JobStore store;
    private final OutcomePolicy policy;
    private final Clock clock;
    private final FailureNotifier notifier;
    private final Runnable onScheduleChange;

    public OutcomeRecorder(JobStore store, OutcomePolicy policy, Clock clock, FailureNotifier notifier,
            Runnable onScheduleChange) {
        this.store = Objects.requireNonNull(store, "store");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.onScheduleChange = Objects.requireNonNull(onScheduleChange, "onScheduleChange");
    }

    /** Records the runs; for each, the job as stored afterwards, or empty when it no longer exists. */
    public List<Optional<Job>> record(List<RunResult> results) {
        List<Optional<Job>> after = new ArrayList<>(Collections.nCopies(results.size(), Optional.empty()));
        List<Job> current = new ArrayList<>(results.stream().map(RunResult::claimedJob).toList());
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            pending.add(i);
        }
        List<Job> tripped = new ArrayList<>();
        Instant now = Instants.now(clock);
        try {
            for (int attempt = 0; attempt < MAX_ATTEMPTS && !pending.isEmpty(); attempt++) {
                pending = recordOnce(results, pending, current, after, tripped, now);
            }
            if (!pending.isEmpty()) {
                LOG.log(Level.WARNING, "gave up recording {0} run outcome(s) after {1} attempts; the runs stay claimed",
                        pending.size(), MAX_ATTEMPTS);
            }
        } finally {
            // Whatever was stored is final even if a later attempt failed: the schedule changed and a
            // tripped breaker is told, exactly once, as its write committed.
            onScheduleChange.run();
            tripped.forEach(this::notifyFailure);
        }
        return after;
    }

    /** One transaction for the pending runs; returns those to decide again against their reloaded job. */
    private List<Integer> recordOnce(List<RunResult> results, List<Integer> pending, List<Job> current,
            List<Optional<Job>> after, List<Job> tripped, Instant now) {
        List<OutcomeDecision> decisions = pending.stream()
                .map(i -> policy.decide(current.get(i), results.get(i), now))
                .toList();
        List<Boolean> applied = store.apply(decisions.stream().map(OutcomeDecision::write).toList());
        List<Integer> retry = new ArrayList<>();
        for (int k = 0; k < pending.size(); k++) {
            int i = pending.get(k);
            OutcomeDecision decision = decisions.get(k);
            if (applied.get(k)) {
                if (decision.write() instanceof JobWrite.Save save) {
                    after.set(i, Optional.of(save.job()));
                    if (decision.tripsBreaker()) {
                        tripped.add(save.job());
                    }
                }
            } else {
                reloadIfStillClaimed(results.get(i)).ifPresent(job -> {
                    current.set(i, job);
                    retry.add(i);
                });
            }
        }
        return retry;
    }

    /** The stored job, if it still holds this run's claim; otherwise the outcome has nowhere to go. */
    private Optional<Job> reloadIfStillClaimed(RunResult result) {
        return store.find(result.claimedJob().id())
                .filter(job -> job.claim() != null && job.claim().runId().equals(result.claim().runId()));
    }

    private void notifyFailure(Job job) {
        try {
            notifier.jobFailed(job);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the failure notifier threw for job " + job.id(), e);
        }
    }
}
