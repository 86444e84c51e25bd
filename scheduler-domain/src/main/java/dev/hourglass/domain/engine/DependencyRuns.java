package dev.hourglass.domain.engine;

import dev.hourglass.domain.model.Dependency;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.RunStatus;
import dev.hourglass.domain.policy.DependencyPolicy;
import dev.hourglass.domain.policy.RunResult;
import dev.hourglass.domain.port.out.Dependencies;
import dev.hourglass.domain.port.out.JobStore;
import dev.hourglass.domain.port.out.JobWrite;
import dev.hourglass.domain.port.out.Metrics;
import dev.hourglass.domain.port.out.RunOutcome;
import dev.hourglass.domain.model.Instants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of recording outcomes that a job's dependency decides (CONTRACT §11.1): a run that ended
 * in a dependency fault, or of a job whose dependency holds (a run under way at the opening, the
 * probe). Each is stored in its own transaction together with the dependency's change and the holds
 * or releases of its other jobs, all version-checked; when anything moved meanwhile, the job and the
 * dependency are read again and the run decided again. Every other run, the usual case, is left to
 * the {@link OutcomeRecorder}'s group commit, as if the job had no dependency.
 */
final class DependencyRuns {

    private static final int MAX_ATTEMPTS = 20;

    /** Leaves every run to the group commit: for a store or an engine without dependency breakers. */
    static final DependencyRuns NONE = new DependencyRuns(null, null, null, null, Metrics.NONE);

    private final JobStore jobs;
    private final Dependencies dependencies;
    private final DependencyPolicy policy;
    private final Clock clock;
    private final Metrics metrics;

    /**
     * Each run is decided at the clock's instant when its turn comes, not the group's: a close plans
     * the released fires from then on, and an instant from before a slow read would crowd them.
     */
    DependencyRuns(JobStore jobs, Dependencies dependencies, DependencyPolicy policy, Clock clock, Metrics metrics) {
        this.jobs = jobs;
        this.dependencies = dependencies;
        this.policy = policy;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Records those of the {@code pending} runs that concern their dependency, each atomically with
     * it; marks them settled, sets what they left in {@code after}, and raises {@code alerted} for an
     * alert written. Returns the pending runs left for the group commit.
     */
    List<Integer> record(List<RunResult> results, List<Integer> pending, List<Job> current, List<Optional<Job>> after,
            boolean[] settled, boolean[] alerted, Instant now) {
        if (policy == null) {
            return pending;
        }
        Map<String, Dependency> seen = new HashMap<>();
        List<Integer> left = new ArrayList<>();
        for (int i : pending) {
            Job job = current.get(i);
            Optional<String> key = job.dependencyKey();
            if (key.isEmpty()) {
                left.add(i);
                continue;
            }
            Dependency dependency = seen.computeIfAbsent(key.get(), k -> read(job));
            if (!policy.concerns(dependency, job, results.get(i))) {
                left.add(i);
                continue;
            }
            Outcome outcome = recordOne(results.get(i), job, dependency, later(now));
            switch (outcome.kind) {
                case STORED -> {
                    settled[i] = true;
                    after.set(i, outcome.job);
                    alerted[0] |= outcome.alerted;
                    seen.put(key.get(), outcome.dependency);
                }
                case GONE -> settled[i] = true;
                case NOT_CONCERNED -> {
                    current.set(i, outcome.job.orElseThrow());
                    seen.put(key.get(), outcome.dependency);
                    left.add(i);
                }
            }
        }
        return left;
    }

    /** The clock's instant, or {@code now} when the clock reads earlier (it never goes back within a group). */
    private Instant later(Instant now) {
        Instant instant = Instants.now(clock);
        return instant.isAfter(now) ? instant : now;
    }

    private Dependency read(Job job) {
        return dependencies.dependency(job.dependencyKey().orElseThrow())
                .orElseGet(() -> Dependency.closed(job.dependency()));
    }

    private enum Kind {
        STORED, GONE, NOT_CONCERNED
    }

    private record Outcome(Kind kind, Optional<Job> job, Dependency dependency, boolean alerted) {
    }

    private Outcome recordOne(RunResult result, Job job, Dependency dependency, Instant now) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            String key = dependency.key();
            List<Job> others = policy.needsJobs(dependency, job, result, now) ? dependencies.jobsOf(key) : List.of();
            if (!others.isEmpty()) {
                now = later(now);
            }
            DependencyPolicy.RunDecision decision = policy.decideRun(dependency, others, job, result, now);
            if (dependencies.apply(decision.change())) {
                report(result, decision.tripsBreaker());
                Dependency stored = decision.change().after() != null ? decision.change().after() : dependency;
                return new Outcome(Kind.STORED, storedJob(decision), stored,
                        !decision.change().alerts().isEmpty() || decision.tripsBreaker());
            }
            Optional<Job> reloaded = jobs.find(job.id());
            if (reloaded.isEmpty()) {
                return new Outcome(Kind.GONE, Optional.empty(), dependency, false);
            }
            job = reloaded.get();
            Optional<String> newKey = job.dependencyKey();
            if (newKey.isEmpty()) {
                return new Outcome(Kind.NOT_CONCERNED, Optional.of(job), dependency, false);
            }
            dependency = read(job);
            if (!policy.concerns(dependency, job, result)) {
                return new Outcome(Kind.NOT_CONCERNED, Optional.of(job), dependency, false);
            }
        }
        throw new IllegalStateException("gave up recording the run of job " + job.id() + " after " + MAX_ATTEMPTS
                + " attempts: the job or its dependency " + dependency.name() + " kept changing");
    }

    /** The run's job as the change stored it; empty when the run removed it. */
    private static Optional<Job> storedJob(DependencyPolicy.RunDecision decision) {
        return decision.change().jobs().stream()
                .filter(write -> write.jobId().equals(decision.own().jobId()))
                .findFirst()
                .filter(JobWrite.Save.class::isInstance)
                .map(write -> ((JobWrite.Save) write).job());
    }

    private void report(RunResult result, boolean tripped) {
        RunStatus status = result.outcome() instanceof RunOutcome.Ok ? RunStatus.OK : RunStatus.ERROR;
        metrics.runRecorded(status, Duration.ofMillis(result.durationMs()));
        if (tripped) {
            metrics.breakerTripped();
        }
    }
}
