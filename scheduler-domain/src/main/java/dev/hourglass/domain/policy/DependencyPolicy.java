package dev.hourglass.domain.policy;

import dev.hourglass.domain.model.Alert;
import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Dependency;
import dev.hourglass.domain.model.DependencyState;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.model.RunRecord;
import dev.hourglass.domain.policy.DependencyBreaker.Count;
import dev.hourglass.domain.policy.DependencyBreaker.Move;
import dev.hourglass.domain.port.out.DependencyChange;
import dev.hourglass.domain.port.out.JobWrite;
import dev.hourglass.domain.port.out.RunOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What happens to a dependency's breaker and its jobs (CONTRACT §11.1): which move is
 * {@link DependencyBreaker}'s call; this class works out the instants, the holds and releases of
 * the jobs, the run's own write, the audit entries and the alerts, as one {@link DependencyChange}.
 * A pure function of the dependency, its jobs and the time, apart from the ids it writes.
 *
 * <ul>
 * <li>Opening (the threshold met, or an operator's hold) holds every job of the dependency that is
 * not completed; one {@code dependency_open} alert names the cause and the jobs held.
 * <li>The open period is the largest {@code Retry-After} among the window's faults, or the default
 * period; a failed probe doubles it up to the longest period, never below its own {@code Retry-After}.
 * <li>Half-open lets the held job due first fire as the probe (it is released alone); while it
 * cannot fire (paused, deleted, moved to another dependency) another one is chosen.
 * <li>Closing releases every held job; the fires that came due meanwhile start in due order, one per
 * release spacing, and the other jobs keep their plans. One {@code dependency_closed} alert.
 * </ul>
 */
public final class DependencyPolicy {

    /**
     * The first released fire starts this long after the close: the close's own commit (every held
     * job re-planned in one transaction) lands first, so no slot is already past when the
     * dispatcher sees it and fires start one per release spacing, never several at once.
     */
    public static final Duration RELEASE_LEAD = Duration.ofSeconds(1);

    private final DependencySettings settings;
    private final OutcomePolicy outcomes;
    private final Supplier<String> ids;

    public DependencyPolicy(DependencySettings settings, OutcomePolicy outcomes, Supplier<String> ids) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    public DependencySettings settings() {
        return settings;
    }

    /** A run's ending, and the write of the run's job, with the dependency change it makes. */
    public record RunDecision(DependencyChange change, JobWrite own, boolean tripsBreaker) {
    }

    /**
     * Whether recording {@code run} of {@code current} goes through its dependency {@code dependency}:
     * when the run is still this claim's (not superseded) and it ended in a dependency fault, or the
     * dependency holds (the run was under way when it opened, or it is the probe). Any other run is
     * recorded as if the job had no dependency.
     */
    public boolean concerns(Dependency dependency, Job current, RunResult run) {
        return run.claim().isSameHolding(current.claim()) && (dependency.holds() || isFault(run.outcome()));
    }

    /** The event that {@code run} of {@code current} is for {@code dependency}, at {@code now}. */
    public DependencyEvent eventOf(Dependency dependency, Job current, RunResult run, Instant now) {
        boolean probe = dependency.isProbe(current.id());
        RunOutcome outcome = run.outcome();
        if (outcome instanceof RunOutcome.Ok) {
            return probe ? DependencyEvent.PROBE_SUCCEEDED : DependencyEvent.RUN_SUCCEEDED;
        }
        if (!isFault(outcome)) {
            return probe ? DependencyEvent.PROBE_ERRED : DependencyEvent.RUN_ERRED;
        }
        if (probe) {
            return DependencyEvent.PROBE_FAULTED;
        }
        boolean atThreshold = dependency.state() == DependencyState.CLOSED
                && withFault(dependency, fault(current.id(), outcome, now), now).faultedJobs() >= settings.threshold();
        return atThreshold ? DependencyEvent.RUN_FAULTED_AT_THRESHOLD : DependencyEvent.RUN_FAULTED;
    }

    /** Whether deciding {@code run} needs the dependency's other jobs: the decision opens or closes it. */
    public boolean needsJobs(Dependency dependency, Job current, RunResult run, Instant now) {
        Move move = DependencyBreaker.decide(dependency.state(), eventOf(dependency, current, run, now));
        return move instanceof Move.Enter;
    }

    /**
     * Records {@code run} of {@code current} (as stored now) against {@code dependency}: the run's
     * own write (counting or not as the breaker says, held or released with its dependency), the
     * dependency's new state, and with an opening or a closing the holds or releases of {@code jobs},
     * the dependency's jobs as stored (those of the run's job are ignored: the run's write decides it).
     */
    public RunDecision decideRun(Dependency dependency, List<Job> jobs, Job current, RunResult run, Instant now) {
        DependencyEvent event = eventOf(dependency, current, run, now);
        DependencyState from = dependency.state();
        Move move = DependencyBreaker.decide(from, event);
        Count count = DependencyBreaker.counts(from, event)
                .orElseThrow(() -> new IllegalStateException("no run ends as " + event + " while " + from));
        if (move instanceof Move.Refuse) {
            throw new IllegalStateException("a dependency that is " + from + " cannot see " + event);
        }
        OutcomeDecision decided = count == Count.COUNTS ? outcomes.decide(current, run, now)
                : outcomes.recordOnly(current, run, now);
        JobWrite own = decided.write();
        if (event == DependencyEvent.PROBE_SUCCEEDED || event == DependencyEvent.PROBE_FAULTED
                || event == DependencyEvent.PROBE_ERRED) {
            own = asProbe(own);
        }
        List<Job> others = jobs.stream().filter(job -> !job.id().equals(current.id())).toList();
        if (move instanceof Move.Unchanged) {
            return new RunDecision(DependencyChange.guarded(dependency, List.of(held(own, from.holds(), now))), own,
                    decided.tripsBreaker());
        }
        if (move instanceof Move.RecordFault) {
            Dependency next = withFault(dependency, fault(current.id(), run.outcome(), now), now);
            return new RunDecision(DependencyChange.of(dependency, next, List.of(own), List.of()), own,
                    decided.tripsBreaker());
        }
        DependencyState to = ((Move.Enter) move).state();
        List<JobWrite> writes = new ArrayList<>();
        writes.add(held(own, to.holds(), now));
        List<Alert> alerts = new ArrayList<>();
        Dependency next;
        if (to == DependencyState.CLOSED) {
            next = closed(dependency, now);
            List<JobWrite.Save> released = releases(others, now);
            writes.addAll(released);
            String why = event == DependencyEvent.PROBE_SUCCEEDED
                    ? "a probe run of job " + current.name() + " succeeded"
                    : "a probe run of job " + current.name() + " failed with an error that is not a dependency "
                            + "fault (" + error(run.outcome()) + "); the error counts for that job";
            alerts.add(Alert.dependencyClosed(ids.get(), next, released.size(), why, now));
        } else if (from == DependencyState.CLOSED) {
            Dependency faulted = withFault(dependency, fault(current.id(), run.outcome(), now), now);
            Duration period = faulted.largestRetryAfter().orElse(settings.defaultPeriod());
            String cause = faulted.faultedJobs() + " jobs ended in a dependency fault within "
                    + seconds(settings.window()) + "; the last: " + error(run.outcome());
            next = open(dependency, now, now.plus(period), cause, period, 0, now);
            List<JobWrite.Save> holds = holds(others, now);
            writes.addAll(holds);
            alerts.add(Alert.dependencyOpened(ids.get(), next, heldAfter(others) + (holdable(current) ? 1 : 0), now));
        } else {
            // A failed probe: open again for twice as long, the episode and its alert go on.
            Duration hint = ((RunOutcome.Failed) run.outcome()).retryAfterHint().orElse(Duration.ZERO);
            Duration doubled = min(dependency.period().multipliedBy(2), settings.maxPeriod());
            Duration period = max(doubled, hint);
            next = open(dependency, dependency.openedAt(), now.plus(period), dependency.cause(), period,
                    dependency.probes() + 1, now);
        }
        return new RunDecision(DependencyChange.of(dependency, next, writes, alerts), own, decided.tripsBreaker());
    }

    /**
     * What the dependency's deadline and its jobs ask for at {@code now}, if anything: an open
     * period that passed turns it half-open with a probe chosen; a half-open one whose probe can no
     * longer fire gets another; jobs that joined a dependency that holds are held, and jobs still
     * held by a closed one are released. Empty when all is as it should be.
     */
    public Optional<DependencyChange> check(Dependency dependency, List<Job> jobs, Instant now) {
        List<JobWrite> writes = new ArrayList<>();
        Dependency next = dependency;
        if (dependency.state() == DependencyState.OPEN && !dependency.openUntil().isAfter(now)) {
            Move move = DependencyBreaker.decide(dependency.state(), DependencyEvent.OPEN_PERIOD_ENDED);
            if (move instanceof Move.Enter enter && enter.state() == DependencyState.HALF_OPEN) {
                next = halfOpen(dependency, choose(jobs).map(Job::id).orElse(null), now);
            }
        } else if (dependency.state() == DependencyState.HALF_OPEN && !probeCanFire(dependency, jobs)) {
            JobId chosen = choose(jobs.stream().filter(job -> !job.id().equals(dependency.probeJobId())).toList())
                    .map(Job::id).orElse(null);
            if (!Objects.equals(chosen, dependency.probeJobId())) {
                next = halfOpen(dependency, chosen, now);
            }
        }
        if (!next.holds()) {
            writes.addAll(releases(jobs, now));
        } else {
            for (Job job : jobs) {
                boolean probe = next.isProbe(job.id());
                if (probe && job.heldByDependency()) {
                    writes.add(JobWrite.save(job, job.release(null, now), List.of()));
                } else if (!probe && !job.heldByDependency() && holdable(job)) {
                    writes.add(JobWrite.save(job, job.hold(now), List.of()));
                }
            }
        }
        if (next == dependency && writes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(next == dependency ? DependencyChange.guarded(dependency, writes)
                : DependencyChange.of(dependency, next, writes, List.of()));
    }

    /**
     * An operator holds the dependency until {@code until} (CONTRACT §11.1): it is open until then,
     * whatever it was; every job of it that is not completed is held and audited
     * {@code dependency_open}. From closed, one {@code dependency_open} alert goes out; an episode that
     * was going on goes on.
     */
    public DependencyChange hold(Dependency dependency, List<Job> jobs, Instant until, String reason, String actor,
            Instant now) {
        Move move = DependencyBreaker.decide(dependency.state(), DependencyEvent.HOLD);
        if (!(move instanceof Move.Enter enter && enter.state() == DependencyState.OPEN)) {
            throw new IllegalStateException("an operator's hold opens a dependency; the table says " + move);
        }
        String cause = "held by " + actor + " until " + until + (reason == null ? "" : ": " + reason);
        boolean wasOpen = dependency.holds();
        Dependency next = open(dependency, wasOpen ? dependency.openedAt() : now, until, cause,
                wasOpen ? dependency.period() : settings.defaultPeriod(), wasOpen ? dependency.probes() : 0, now);
        String detail = "dependency " + dependency.name() + " " + cause;
        List<JobWrite> writes = new ArrayList<>();
        for (Job job : jobs) {
            if (holdable(job)) {
                writes.add(JobWrite.save(job, job.hold(now), List.of(audit(job, AuditAction.DEPENDENCY_OPEN, actor,
                        detail, now))));
            }
        }
        List<Alert> alerts = wasOpen ? List.of()
                : List.of(Alert.dependencyOpened(ids.get(), next, writes.size(), now));
        return DependencyChange.of(dependency, next, writes, alerts);
    }

    /**
     * An operator closes the dependency (CONTRACT §11.1): every held job is released as with a
     * probe's success, every job of it that is not completed is audited {@code dependency_close}, and
     * one {@code dependency_closed} alert goes out. Empty when it is closed already: a no-op.
     */
    public Optional<DependencyChange> close(Dependency dependency, List<Job> jobs, String reason, String actor,
            Instant now) {
        Move move = DependencyBreaker.decide(dependency.state(), DependencyEvent.CLOSE);
        if (move instanceof Move.Unchanged) {
            return Optional.empty();
        }
        Dependency next = closed(dependency, now);
        String why = "closed by " + actor + (reason == null ? "" : ": " + reason);
        String detail = "dependency " + dependency.name() + " " + why;
        List<JobWrite.Save> released = releases(jobs, now);
        List<JobWrite> writes = new ArrayList<>();
        for (Job job : jobs) {
            if (job.status() == JobStatus.COMPLETED) {
                continue;
            }
            Job after = released.stream().filter(save -> save.jobId().equals(job.id())).findFirst()
                    .map(JobWrite.Save::job).orElse(job.release(null, now));
            writes.add(JobWrite.save(job, after, List.of(audit(job, AuditAction.DEPENDENCY_CLOSE, actor, detail, now))));
        }
        return Optional.of(DependencyChange.of(dependency, next, writes,
                List.of(Alert.dependencyClosed(ids.get(), next, released.size(), why, now))));
    }

    /**
     * The releases of the held jobs among {@code jobs} at a close: the fires that came due (and any
     * planned too close behind them) start in due order, one per release spacing from
     * {@link #RELEASE_LEAD} after {@code now} on; the others keep their plans. Every held job is released.
     */
    List<JobWrite.Save> releases(List<Job> jobs, Instant now) {
        List<Job> held = jobs.stream().filter(Job::heldByDependency).toList();
        List<Job> fires = held.stream().filter(DependencyPolicy::canFire)
                .sorted(Comparator.comparing(Job::nextRunAt).thenComparing(job -> job.id().value())).toList();
        List<JobWrite.Save> writes = new ArrayList<>();
        Instant slot = now.plus(RELEASE_LEAD);
        for (Job job : fires) {
            Instant at = job.nextRunAt().isBefore(slot) ? slot : job.nextRunAt();
            writes.add(JobWrite.save(job, job.release(at, now), List.of()));
            slot = at.plus(settings.releaseSpacing());
        }
        for (Job job : held) {
            if (!canFire(job)) {
                writes.add(JobWrite.save(job, job.release(null, now), List.of()));
            }
        }
        return writes;
    }

    private List<JobWrite.Save> holds(List<Job> jobs, Instant now) {
        return jobs.stream().filter(job -> !job.heldByDependency() && holdable(job))
                .map(job -> JobWrite.save(job, job.hold(now), List.of())).toList();
    }

    private static int heldAfter(List<Job> jobs) {
        return (int) jobs.stream().filter(DependencyPolicy::holdable).count();
    }

    /** A completed job never fires again: there is nothing to hold. */
    private static boolean holdable(Job job) {
        return job.status() != JobStatus.COMPLETED;
    }

    /** A job whose next fire is planned and that is not running: one that would fire when due. */
    private static boolean canFire(Job job) {
        return job.status() == JobStatus.ACTIVE && job.enabled() && !job.isRunning() && job.nextRunAt() != null;
    }

    /** The job that fires first among those that can: the probe of a half-open dependency. */
    private static Optional<Job> choose(List<Job> jobs) {
        return jobs.stream().filter(DependencyPolicy::canFire)
                .min(Comparator.comparing(Job::nextRunAt).thenComparing(job -> job.id().value()));
    }

    private static boolean probeCanFire(Dependency dependency, List<Job> jobs) {
        return dependency.probeJobId() != null && jobs.stream()
                .filter(job -> job.id().equals(dependency.probeJobId()))
                .anyMatch(job -> job.isRunning() || canFire(job));
    }

    /** The run's own write, held or released with its dependency; a removal or a history entry as it is. */
    private static JobWrite held(JobWrite own, boolean holds, Instant now) {
        if (!(own instanceof JobWrite.Save save)) {
            return own;
        }
        Job job = save.job();
        Job changed = holds ? (job.heldByDependency() ? job : job.hold(now))
                : (job.heldByDependency() ? job.release(null, now) : job);
        if (changed == job) {
            return own;
        }
        return new JobWrite.Save(changed.withVersion(job.version()), save.expectedVersion(), save.audit(), save.run(),
                save.alerts());
    }

    /** The run of a probe is marked as one in the history. */
    private static JobWrite asProbe(JobWrite own) {
        if (!(own instanceof JobWrite.Save save) || save.run() == null) {
            return own;
        }
        RunRecord r = save.run();
        RunRecord probe = new RunRecord(r.runId(), r.jobId(), r.plannedAt(), r.startedAt(), r.durationMs(), r.status(),
                r.error(), r.output(), r.instance(), true);
        return new JobWrite.Save(save.job(), save.expectedVersion(), save.audit(), probe, save.alerts());
    }

    /** {@code dependency} with {@code fault} added and the faults older than the window dropped. */
    Dependency withFault(Dependency dependency, Dependency.Fault fault, Instant now) {
        Instant since = now.minus(settings.window());
        List<Dependency.Fault> faults = new ArrayList<>();
        for (Dependency.Fault f : dependency.faults()) {
            if (f.at().isAfter(since)) {
                faults.add(f);
            }
        }
        faults.add(fault);
        return new Dependency(dependency.key(), dependency.name(), dependency.state(), dependency.openedAt(),
                dependency.openUntil(), dependency.cause(), dependency.period(), dependency.probes(),
                dependency.probeJobId(), faults, dependency.version(), now);
    }

    private static Dependency.Fault fault(JobId job, RunOutcome outcome, Instant now) {
        return new Dependency.Fault(job, now, ((RunOutcome.Failed) outcome).retryAfterHint().orElse(null));
    }

    private static Dependency open(Dependency d, Instant openedAt, Instant until, String cause, Duration period,
            int probes, Instant now) {
        return new Dependency(d.key(), d.name(), DependencyState.OPEN, openedAt, until, cause, period, probes, null,
                List.of(), d.version(), now);
    }

    private static Dependency halfOpen(Dependency d, JobId probe, Instant now) {
        return new Dependency(d.key(), d.name(), DependencyState.HALF_OPEN, d.openedAt(), null, d.cause(), d.period(),
                d.probes(), probe, List.of(), d.version(), now);
    }

    private static Dependency closed(Dependency d, Instant now) {
        return new Dependency(d.key(), d.name(), DependencyState.CLOSED, null, null, null, null, 0, null, List.of(),
                d.version(), now);
    }

    private AuditEntry audit(Job job, AuditAction action, String actor, String detail, Instant now) {
        return AuditEntry.of(ids.get(), job, action, job.status(), job.status(), actor, detail, now);
    }

    static boolean isFault(RunOutcome outcome) {
        return outcome instanceof RunOutcome.Failed failed && failed.dependencyFault();
    }

    private static String error(RunOutcome outcome) {
        return outcome instanceof RunOutcome.Failed failed ? failed.error() : "none";
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
