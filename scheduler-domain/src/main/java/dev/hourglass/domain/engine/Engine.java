package dev.hourglass.domain.engine;

import dev.hourglass.domain.error.ShuttingDownException;
import dev.hourglass.domain.error.StoreUnavailableException;
import dev.hourglass.domain.model.Claim;
import dev.hourglass.domain.model.InstanceId;
import dev.hourglass.domain.model.Instants;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.RunId;
import dev.hourglass.domain.policy.DependencyPolicy;
import dev.hourglass.domain.policy.DependencySettings;
import dev.hourglass.domain.policy.OutcomePolicy;
import dev.hourglass.domain.policy.RunResult;
import dev.hourglass.domain.port.out.AlertSender;
import dev.hourglass.domain.port.out.JobWrite;
import dev.hourglass.domain.port.out.ScheduleChanges;
import dev.hourglass.domain.port.out.Metrics;
import dev.hourglass.domain.model.RunStatus;
import dev.hourglass.domain.port.out.SchedulerStore;
import dev.hourglass.domain.port.out.Singletons;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Fires due jobs for one instance. One dispatcher thread sleeps until the earliest due instant or a
 * {@link Wakeup}, has the store claim due jobs for this instance (one transaction each), and hands
 * them to a bounded worker pool in due order; a {@link GroupCommitter} stores their outcomes in
 * groups. A heartbeat thread renews this instance's lease and takes over the claims of dead ones;
 * while the lease is not held, no new run starts. An alert thread empties the outbox.
 *
 * <p>Without {@link #start()}, {@link #runDueJobs()} fires what is due in the calling thread: with
 * a settable clock, tests drive the engine step by step and never sleep.
 */
public final class Engine implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Engine.class.getName());
    private static final Duration SWEEP_INTERVAL = Duration.ofDays(1);
    private static final int MANUAL_RECORD_ATTEMPTS = 3;
    private static final Duration DEADLINE_CHECK_INTERVAL = Duration.ofSeconds(1);
    /**
     * How long before its planned instant the dispatcher claims a fire; the worker then waits for
     * the instant. The claim must be durable before the run starts, and its commit (an fsync with
     * {@code --sync full}, a round trip and a WAL flush on PostgreSQL) takes milliseconds: claimed
     * ahead, that time is no longer part of the fire's lag. An operator change in this moment wins
     * as it does over any run under way.
     */
    static final Duration CLAIM_AHEAD = Duration.ofMillis(50);

    private final SchedulerStore store;
    private final RunExecutor executor;
    private final OutcomeRecorder recorder;
    private final OutcomePolicy policy;
    private final Recovery recovery;
    private final ClockJumps clockJumps;
    private final AlertDelivery alerts;
    private final Deadlines deadlines;
    private final Probes probes;
    private final DependencyChecks dependencyChecks;
    private final Clock clock;
    private final Supplier<RunId> runIds;
    private final EngineSettings settings;
    private final Wakeup wakeup;
    private final InstanceId self;
    private final String instanceName;
    private final Consumer<VirtualMachineError> onFatal;
    private final Metrics metrics;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<Job> refires = new ArrayList<>();
    /**
     * Runs this engine has claimed and not finished recording. A claim of this instance that is not
     * here was lost by this instance (a claim committed while the database connection broke, so the
     * dispatcher never heard of it): the heartbeat takes it back and fires it again.
     */
    private final java.util.Set<RunId> ours = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Singletons singletons;
    private final ScheduleChanges changes;
    private ScheduleChanges.Subscription changeSubscription;
    private final Object lifecycle = new Object();
    private boolean recovered;
    private boolean registered;
    private volatile Thread dispatcher;
    private Thread heartbeat;
    private ThreadPoolExecutor workers;
    private volatile GroupCommitter committer;
    private volatile boolean stopping;
    private volatile boolean heartbeatStopped;
    private volatile boolean abandoned;
    private volatile boolean waitingForRoom;
    private volatile long leaseRenewedNanos;
    private volatile VirtualMachineError fatal;
    private Instant nextSweepAt = Instant.MIN;
    /** When the dispatcher next looks at timed pauses and staleness: at the earliest deadline, at least every second. */
    private Instant nextDeadlineCheckAt = Instant.MIN;

    public Engine(SchedulerStore store, RunExecutor executor, OutcomePolicy policy, Clock clock, Supplier<String> ids,
            EngineSettings settings, Wakeup wakeup, Instance instance, AlertSender alertSender,
            Consumer<VirtualMachineError> onFatal) {
        this(store, executor, policy, clock, ids, settings, wakeup, instance, alertSender, onFatal,
                Singletons.ONE_PROCESS, ScheduleChanges.NONE, Metrics.NONE);
    }

    /**
     * An engine in a cluster: {@code singletons} keeps the takeover scan, the sweep and the alert
     * outbox on one instance at a time, {@code changes} wakes the dispatcher when another instance
     * makes a job due sooner, and {@code metrics} hears of stored outcomes, breaker trips, commit
     * times, takeovers and alert deliveries (the executor reports task starts itself).
     */
    public Engine(SchedulerStore store, RunExecutor executor, OutcomePolicy policy, Clock clock, Supplier<String> ids,
            EngineSettings settings, Wakeup wakeup, Instance instance, AlertSender alertSender,
            Consumer<VirtualMachineError> onFatal, Singletons singletons, ScheduleChanges changes, Metrics metrics) {
        this(store, executor, policy, clock, ids, settings, wakeup, instance, alertSender, onFatal, singletons, changes,
                metrics, new DependencyPolicy(DependencySettings.DEFAULT, policy, ids));
    }

    /**
     * An engine in a cluster whose jobs' dependencies have breakers (CONTRACT §11.1) as
     * {@code dependencyPolicy} decides.
     */
    public Engine(SchedulerStore store, RunExecutor executor, OutcomePolicy policy, Clock clock, Supplier<String> ids,
            EngineSettings settings, Wakeup wakeup, Instance instance, AlertSender alertSender,
            Consumer<VirtualMachineError> onFatal, Singletons singletons, ScheduleChanges changes, Metrics metrics,
            DependencyPolicy dependencyPolicy) {
        Objects.requireNonNull(dependencyPolicy, "dependencyPolicy");
        this.singletons = Objects.requireNonNull(singletons, "singletons");
        this.changes = Objects.requireNonNull(changes, "changes");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.store = Objects.requireNonNull(store, "store");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ids, "ids");
        this.runIds = () -> new RunId(ids.get());
        this.settings = Objects.requireNonNull(settings, "settings");
        this.wakeup = Objects.requireNonNull(wakeup, "wakeup");
        this.self = instance.id();
        this.instanceName = instance.name();
        this.onFatal = Objects.requireNonNull(onFatal, "onFatal");
        this.recovery = new Recovery(store, policy, ids, self, settings, metrics);
        this.clockJumps = new ClockJumps(recovery, System::nanoTime);
        this.alerts = new AlertDelivery(store, alertSender, clock, singletons, metrics);
        this.deadlines = new Deadlines(store, ids);
        this.probes = new Probes(store, self, runIds);
        this.dependencyChecks = new DependencyChecks(store, dependencyPolicy);
        this.recorder = new OutcomeRecorder(store, policy, clock, wakeup::raise, alerts::raise, metrics,
                new DependencyRuns(store, store, dependencyPolicy, clock, metrics));
    }

    /** Who this engine is in the store: a fresh id per start, and a name for people. */
    public record Instance(InstanceId id, String name) {

        public Instance {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
        }
    }

    public InstanceId instanceId() {
        return self;
    }

    /**
     * Puts right what the last stop left, once: registers this instance, takes over the claims of
     * instances that are gone (each cut run is marked interrupted and fires again with the same run
     * id), and, when no other instance is alive, re-plans fires missed while down (spread over the
     * catch-up window) and sweeps. Part of {@link #start()}; call it directly only when driving the
     * engine by hand with {@link #runDueJobs()}, which then fires the interrupted runs. Counts as
     * done only once it succeeded: a failed recovery can be tried again.
     */
    public void recover() {
        synchronized (lifecycle) {
            if (recovered) {
                return;
            }
            Instant now = Instants.now(clock);
            // The start-up catch-up belongs to the first live instance after a full stop. It is decided
            // before this instance registers, under a lock: of instances starting together, the one
            // holding it sees no other alive and catches up; the others skip it (and one that looks
            // after the lock was released finds nothing missed any more).
            int[] replanned = new int[1];
            singletons.runExclusively(Singletons.STARTUP, () -> {
                if (noOtherInstanceAlive(now)) {
                    replanned[0] = recovery.replanMissed(now);
                    recovery.sweep(now);
                    nextSweepAt = now.plus(SWEEP_INTERVAL);
                }
            });
            register(now);
            List<Job> interrupted = takeOverOrphans(now);
            // The claims are ours now: fire them even if what follows fails and recovery is tried again.
            synchronized (refires) {
                refires.addAll(interrupted);
            }
            if (!interrupted.isEmpty() || replanned[0] > 0) {
                LOG.log(Level.INFO, "recovered: {0} interrupted run(s) fire again, {1} missed fire(s) re-planned",
                        interrupted.size(), replanned[0]);
            }
            recovered = true;
        }
    }

    /** Recovers from the last stop (see {@link #recover()}), then fires due jobs on background threads. */
    public void start() {
        synchronized (lifecycle) {
            if (dispatcher != null) {
                throw new IllegalStateException("the engine is already started");
            }
            recover();
            workers = new ThreadPoolExecutor(settings.workers(), settings.workers(), 0, TimeUnit.MILLISECONDS,
                    new LinkedBlockingQueue<>(), namedThreads("hourglass-worker-"));
            committer = new GroupCommitter(recorder, result -> ours.remove(result.claim().runId()));
            committer.start();
            alerts.start();
            heartbeat = namedThreads("hourglass-heartbeat").newThread(this::heartbeatLoop);
            heartbeat.start();
            changeSubscription = changes.subscribe(wakeup::raise);
            takeRefires().forEach(this::dispatch);
            dispatcher = namedThreads("hourglass-dispatcher").newThread(this::dispatchLoop);
            dispatcher.start();
        }
    }

    /** Something changed the schedule: look for due jobs again now. */
    public void wakeUp() {
        wakeup.raise();
    }

    /** An alert was written to the outbox: deliver it now rather than at the next poll. */
    public void alertWritten() {
        alerts.raise();
    }

    /**
     * Fires, in the calling thread, every job due by the clock's current instant, and records the
     * outcomes; repeats until nothing is due. For tests and embedders driving a settable clock.
     *
     * @return how many runs were fired
     */
    public int runDueJobs() {
        ensureRegistered();
        int fired = 0;
        List<Job> pending = takeRefires();
        while (true) {
            List<Job> probing = checkDeadlines(Instants.now(clock));
            List<Job> claimed = pending.isEmpty()
                    ? store.claimDue(Instants.now(clock), settings.claimBatch(), self, runIds) : pending;
            if (!probing.isEmpty()) {
                claimed = Stream.concat(probing.stream(), claimed.stream()).toList();
            }
            pending = List.of();
            if (claimed.isEmpty()) {
                return fired;
            }
            List<RunResult> results = new ArrayList<>();
            claimed.forEach(job -> ours.add(job.claim().runId()));
            for (Job job : claimed) {
                if (dependencyChecks.heldBack(job, Instants.now(clock))) {
                    continue;
                }
                try {
                    results.add(executor.execute(job));
                } catch (VirtualMachineError e) {
                    recorder.record(results);
                    failFatally(job, e);
                    throw e;
                }
            }
            recorder.record(results);
            claimed.forEach(job -> ours.remove(job.claim().runId()));
            fired += results.size();
        }
    }

    /**
     * One heartbeat, by hand: renews this instance's lease (registering again if it had lapsed) and
     * takes over the claims of dead instances; for tests driving the engine with a settable clock.
     *
     * @return how many runs were taken over (they fire at the next {@link #runDueJobs()})
     */
    public int heartbeat() {
        List<Job> taken = beat();
        synchronized (refires) {
            refires.addAll(taken);
        }
        return taken.size();
    }

    /** Delivers the alerts due in the outbox, in the calling thread; returns how many were delivered. */
    public int deliverAlerts() {
        return alerts.deliverDue();
    }

    /**
     * Runs {@code claimed}, which holds a fresh manual claim of this instance, on the worker pool like
     * any fire (in the calling thread when the engine was not started), and stores its outcome.
     *
     * @return the run and the job as stored after it, empty when the run removed it
     * @throws StoreUnavailableException when the outcome could not be stored yet (it is kept trying
     *         in the background; the job stays claimed meanwhile)
     * @throws ShuttingDownException     when the engine stopped before the run started
     */
    public RecordedRun runClaimed(Job claimed) {
        if (dispatcher == null) {
            return execute(claimed);
        }
        CompletableFuture<RecordedRun> done = new CompletableFuture<>();
        synchronized (lifecycle) {
            if (stopping || fatal != null) {
                release(List.of(claimed));
                throw new ShuttingDownException();
            }
            if (!leaseHeld()) {
                release(List.of(claimed));
                throw new StoreUnavailableException("this instance's lease lapsed: it starts no run until its "
                        + "heartbeat reaches the store again");
            }
            inFlight.incrementAndGet();
            workers.execute(new ManualRun(claimed, done));
        }
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShuttingDownException();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** A manual run and what recording it left in the store. */
    public record RecordedRun(RunResult result, Optional<Job> after) {
    }

    /** What the engine can tell about its own health; see {@link EngineHealth}. */
    public EngineHealth health() {
        boolean started = dispatcher != null;
        GroupCommitter commits = committer;
        long failingSince = commits == null ? 0 : commits.failingSinceNanos();
        return new EngineHealth(started, started && dispatcher.isAlive() && fatal == null,
                !started || leaseHeld(), Optional.ofNullable(fatal).map(Throwable::toString),
                commits == null ? 0 : commits.backlog(),
                failingSince == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(System.nanoTime() - failingSince)));
    }

    /**
     * Stops firing, lets running tasks finish for up to the shutdown grace and stores their outcomes,
     * then marks this instance stopped. Tasks still running after the grace are interrupted and left
     * claimed: the next start (or another instance) marks them interrupted and fires them again with
     * the same run id.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (dispatcher == null || stopping) {
                return;
            }
            stopping = true;
        }
        wakeup.raise();
        if (changeSubscription != null) {
            changeSubscription.close();
        }
        try {
            dispatcher.join();
            releaseQueuedRuns();
            workers.shutdown();
            if (!workers.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                abandoned = true;
                LOG.log(Level.WARNING, "{0} task(s) still running after the shutdown grace of {1}; "
                        + "they fire again after restart", workers.getActiveCount(), settings.shutdownGrace());
                workers.shutdownNow();
                workers.awaitTermination(1, TimeUnit.SECONDS);
            }
            committer.stop(Duration.ofSeconds(10));
            // The lease was renewed all along, so no other instance took over the runs that finished in the grace.
            heartbeatStopped = true;
            heartbeat.interrupt();
            heartbeat.join();
            // Alerts still waiting stay in the outbox for the next instance; a stop never waits on a receiver.
            alerts.stop();
            if (fatal == null) {
                store.deregister(self, Instants.now(clock));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the store failed while stopping; claims left behind are taken over at the "
                    + "next start", e);
        }
    }

    private void ensureRegistered() {
        synchronized (lifecycle) {
            if (!registered) {
                register(Instants.now(clock));
            }
        }
    }

    private void register(Instant now) {
        long renewing = System.nanoTime();
        store.register(self, instanceName, now);
        registered = true;
        leaseRenewedNanos = renewing;
    }

    private boolean noOtherInstanceAlive(Instant now) {
        return store.instances(now, settings.lease()).stream()
                .noneMatch(instance -> instance.alive() && !instance.id().equals(self));
    }

    private boolean leaseHeld() {
        return System.nanoTime() - leaseRenewedNanos < settings.lease().toNanos();
    }

    private void heartbeatLoop() {
        while (!heartbeatStopped && fatal == null) {
            try {
                beat().forEach(this::dispatch);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not renew this instance''s heartbeat; no new run starts while the "
                        + "lease is not held: {0}", e.toString());
            }
            try {
                Thread.sleep(settings.heartbeat().toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Renews the lease (registering again when it lapsed), then takes over the claims of dead
     * instances, unless this engine is stopping. The lease counts from before the renewal was
     * sent: a slow store shortens it here, never stretches it past the store's view.
     */
    private List<Job> beat() {
        Instant now = Instants.now(clock);
        long renewing = System.nanoTime();
        boolean wasHeld = leaseHeld();
        if (!store.heartbeat(self, now, settings.lease())) {
            LOG.log(Level.WARNING, "this instance''s lease had lapsed (a pause, a cut from the store); registered "
                    + "again, and runs that others took over meanwhile will not be recorded as ours");
            store.register(self, instanceName, now);
        }
        leaseRenewedNanos = renewing;
        if (!wasHeld) {
            wakeup.raise();
        }
        if (stopping) {
            return List.of();
        }
        List<Job> taken = new ArrayList<>(takeOverOrphans(now));
        taken.addAll(takeBackLostClaims(now));
        if (!taken.isEmpty()) {
            LOG.log(Level.WARNING, "took over {0} run(s) of a dead instance; they fire again with their run ids",
                    taken.size());
        }
        return taken;
    }

    private void dispatchLoop() {
        while (!stopping && fatal == null) {
            try {
                Instant now = Instants.now(clock);
                if (clockJumps.check(now).isPresent()) {
                    // A clock that just jumped may be wrong (a VM booting fast, before NTP): never
                    // delete jobs as "30 days old" on its word.
                    nextSweepAt = now.plus(SWEEP_INTERVAL);
                }
                if (!now.isBefore(nextSweepAt)) {
                    sweep(now);
                }
                if (!leaseHeld()) {
                    wakeup.await(settings.heartbeat().toNanos());
                    continue;
                }
                if (!now.isBefore(nextDeadlineCheckAt)) {
                    checkDeadlines(now).forEach(this::dispatch);
                    Instant inASecond = now.plus(DEADLINE_CHECK_INTERVAL);
                    nextDeadlineCheckAt = Stream.of(deadlines.next(), probes.next(), dependencyChecks.next())
                            .flatMap(Optional::stream).filter(at -> at.isBefore(inASecond)).min(Instant::compareTo)
                            .orElse(inASecond);
                }
                int room = settings.maxInFlight() - inFlight.get();
                if (room > 0) {
                    int wanted = Math.min(room, settings.claimBatch());
                    List<Job> claimed = store.claimDue(now.plus(CLAIM_AHEAD), now, wanted, self, runIds);
                    claimed.forEach(this::dispatch);
                    if (claimed.size() == wanted) {
                        continue;
                    }
                    wakeup.await(nanosUntilNextDue());
                } else {
                    waitingForRoom = true;
                    // A worker that finished before the flag was up did not raise: look again.
                    if (settings.maxInFlight() - inFlight.get() <= 0) {
                        wakeup.await(settings.maxIdle().toNanos());
                    }
                    waitingForRoom = false;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "the dispatcher failed to read or claim due jobs; trying again in 1 s", e);
                try {
                    wakeup.await(1, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private List<Job> takeRefires() {
        synchronized (refires) {
            List<Job> taken = List.copyOf(refires);
            refires.clear();
            return taken;
        }
    }

    private long nanosUntilNextDue() {
        long maxIdle = settings.maxIdle().toNanos();
        Instant now = clock.instant();
        long untilDeadlineCheck = Math.max(0, Duration.between(now, nextDeadlineCheckAt).toNanos());
        return store.nextDueAt()
                .map(due -> Duration.between(now, due.minus(CLAIM_AHEAD)).toNanos())
                .map(nanos -> Math.max(0, Math.min(nanos, maxIdle)))
                .map(nanos -> Math.min(nanos, untilDeadlineCheck))
                .orElse(Math.min(maxIdle, untilDeadlineCheck));
    }

    /**
     * Resumes timed pauses that ended and opens stale episodes that are due (alerts go out at once),
     * and claims the probes of failed jobs that came due.
     *
     * @return the claimed probes, to be fired like any claimed run
     */
    private List<Job> checkDeadlines(Instant now) {
        Deadlines.Checked checked = deadlines.check(now);
        if (checked.turnedStale() > 0) {
            alerts.raise();
        }
        if (checked.resumed() > 0) {
            LOG.log(Level.INFO, "{0} timed pause(s) ended; the job(s) resumed", checked.resumed());
        }
        if (dependencyChecks.check(now) > 0) {
            alerts.raise();
        }
        List<Job> probing = probes.claimDue(now);
        if (!probing.isEmpty()) {
            LOG.log(Level.INFO, "probing {0} failed job(s)", probing.size());
        }
        return probing;
    }

    private void dispatch(Job claimed) {
        ours.add(claimed.claim().runId());
        inFlight.incrementAndGet();
        workers.execute(new ScheduledRun(claimed));
    }

    /** A manual run in the calling thread: executed, then stored with a few tries. */
    private RecordedRun execute(Job claimed) {
        ours.add(claimed.claim().runId());
        RunResult result;
        try {
            result = executor.execute(claimed);
        } catch (VirtualMachineError e) {
            failFatally(claimed, e);
            throw e;
        }
        Optional<Job> after = recordManual(result);
        ours.remove(claimed.claim().runId());
        return new RecordedRun(result, after);
    }

    /**
     * Stores a manual run's outcome, trying a few times; when the store keeps failing the outcome is
     * handed to the committer (when running), which keeps trying, and the caller hears why.
     */
    private Optional<Job> recordManual(RunResult result) {
        if (abandoned) {
            // Cut off by the end of the grace: the run stays claimed and fires again as interrupted.
            throw new ShuttingDownException();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return recorder.record(List.of(result)).get(0);
            } catch (RuntimeException e) {
                boolean stored = e instanceof OutcomesNotRecordedException partly && partly.remaining().isEmpty();
                if (stored) {
                    return store.find(result.claimedJob().id());
                }
                if (attempt == MANUAL_RECORD_ATTEMPTS) {
                    GroupCommitter commits = committer;
                    if (commits != null && !abandoned) {
                        commits.submit(result);
                    }
                    throw e instanceof StoreUnavailableException unavailable ? unavailable
                            : new StoreUnavailableException("the run finished but its outcome could not be stored "
                                    + "yet; it stays claimed until it is", e);
                }
            }
        }
    }

    /**
     * The JVM failed under a task: the run is recorded interrupted and keeps its claim (it fires
     * again with its run id after a restart), the engine starts nothing more, and the handler (the
     * service: exit non-zero) is told. Best effort: the JVM may be too sick to store anything.
     */
    private void failFatally(Job claimed, VirtualMachineError error) {
        fatal = error;
        wakeup.raise();
        try {
            Instant now = Instants.now(clock);
            store.find(claimed.id())
                    .filter(current -> claimed.claim().isSameHolding(current.claim()))
                    .filter(current -> store.apply(policy.interrupted(current, now)))
                    .ifPresent(current -> metrics.runRecorded(RunStatus.INTERRUPTED, Duration.ZERO));
        } catch (RuntimeException | VirtualMachineError e) {
            LOG.log(Level.ERROR, "could not record the interrupted run of job " + claimed.id(), e);
        }
        LOG.log(Level.ERROR, "the JVM failed while running job " + claimed.id() + "; the scheduler stops", error);
        onFatal.accept(error);
    }

    /**
     * Runs that were claimed but had not started when the engine stopped are handed back: their
     * claims are released, so they are due again (and re-planned like any missed fire at the next
     * start) instead of starting after the stop or counting as interrupted.
     */
    private void releaseQueuedRuns() {
        List<Runnable> queued = new ArrayList<>();
        workers.getQueue().drainTo(queued);
        if (queued.isEmpty()) {
            return;
        }
        inFlight.addAndGet(-queued.size());
        List<Job> claimed = new ArrayList<>(queued.size());
        for (Runnable run : queued) {
            QueuedRun queuedRun = (QueuedRun) run;
            // A run taken over from a dead instance keeps its claim, and so its run id, for whoever starts next.
            if (queuedRun.claimed().claim().epoch() == 1) {
                claimed.add(queuedRun.claimed());
            }
            queuedRun.cancel();
        }
        int released = release(claimed);
        LOG.log(Level.INFO, "{0} claimed run(s) had not started at the stop; released", released);
    }

    /**
     * Claims of this instance that it does not know of, older than the lease: their claim committed
     * but the answer never arrived. Taken over by this instance itself, they fire again with their run id.
     */
    private List<Job> takeBackLostClaims(Instant now) {
        Instant before = now.minus(settings.lease());
        List<JobWrite.Save> writes = store.running().stream()
                .filter(job -> job.claim().owner().equals(self) && !ours.contains(job.claim().runId())
                        && job.claim().claimedAt().isBefore(before))
                .map(job -> policy.takeOver(job, self, now))
                .toList();
        if (writes.isEmpty()) {
            return List.of();
        }
        List<Job> taken = store.apply(writes).among(writes).stream().map(JobWrite.Save::job).toList();
        taken.forEach(job -> ours.add(job.claim().runId()));
        LOG.log(Level.WARNING, "took back {0} claim(s) of this instance that it had not heard of (a claim that "
                + "committed while the store''s answer was lost); they fire again with their run ids", taken.size());
        return taken;
    }

    private int release(List<Job> claimed) {
        claimed.forEach(job -> ours.remove(job.claim().runId()));
        Instant now = Instants.now(clock);
        List<JobWrite> releases = claimed.stream()
                .<JobWrite>map(job -> JobWrite.save(job, job.releaseClaim(now), List.of()))
                .toList();
        try {
            return store.apply(releases).count();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not release the claims of runs that had not started; they fire again "
                    + "after restart", e);
            return 0;
        }
    }

    /**
     * Waits until the planned instant of a run claimed {@link #CLAIM_AHEAD}, never longer than that
     * (a settable clock that stands still cannot hold a worker).
     *
     * @return false when the engine began to stop meanwhile: the run must not start
     */
    private boolean awaitPlannedInstant(Claim claim) {
        if (claim.plannedAt() != null) {
            long wait = Math.min(Duration.between(clock.instant(), claim.plannedAt()).toNanos(), CLAIM_AHEAD.toNanos());
            long deadline = System.nanoTime() + wait;
            for (long left = wait; left > 0 && !stopping; left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
        }
        return !stopping;
    }

    /** A claimed run waiting in the worker queue; a stop hands it back unstarted. */
    private interface QueuedRun extends Runnable {

        Job claimed();

        void cancel();
    }

    /** One scheduled fire on a worker; its outcome goes to the committer. */
    private final class ScheduledRun implements QueuedRun {

        private final Job claimed;

        ScheduledRun(Job claimed) {
            this.claimed = claimed;
        }

        @Override
        public Job claimed() {
            return claimed;
        }

        @Override
        public void cancel() {
            // Nobody waits for a scheduled fire.
        }

        @Override
        public void run() {
            try {
                if (fatal != null) {
                    return; // Left claimed: a restart takes it over and fires it with its run id.
                }
                if (!awaitPlannedInstant(claimed.claim())) {
                    if (claimed.claim().epoch() == 1) {
                        release(List.of(claimed));
                    }
                    return;
                }
                if (dependencyChecks.heldBack(claimed, Instants.now(clock))) {
                    ours.remove(claimed.claim().runId());
                    return; // Its dependency opened since the claim: the fire waits for it to close.
                }
                RunResult result = executor.execute(claimed);
                if (!abandoned) {
                    committer.submit(result);
                }
            } catch (VirtualMachineError e) {
                failFatally(claimed, e);
            } finally {
                finished();
            }
        }
    }

    /** One manual run on a worker; its caller waits for the outcome to be stored. */
    private final class ManualRun implements QueuedRun {

        private final Job claimed;
        private final CompletableFuture<RecordedRun> done;

        ManualRun(Job claimed, CompletableFuture<RecordedRun> done) {
            this.claimed = claimed;
            this.done = done;
        }

        @Override
        public Job claimed() {
            return claimed;
        }

        @Override
        public void cancel() {
            done.completeExceptionally(new ShuttingDownException());
        }

        @Override
        public void run() {
            try {
                if (fatal != null) {
                    throw new ShuttingDownException();
                }
                done.complete(execute(claimed));
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            } finally {
                finished();
            }
        }
    }

    private void finished() {
        inFlight.decrementAndGet();
        if (waitingForRoom) {
            wakeup.raise();
        }
    }

    /** The sweep and audit retention, on one instance of a cluster at a time; the others skip their turn. */
    private void sweep(Instant now) {
        singletons.runExclusively(Singletons.SWEEP, () -> recovery.sweep(now));
        nextSweepAt = now.plus(SWEEP_INTERVAL);
    }

    /**
     * The takeover scan, on one instance of a cluster at a time: another instance scanning meanwhile
     * takes the orphans itself (and a second scan could only lose the version race anyway).
     */
    private List<Job> takeOverOrphans(Instant now) {
        List<List<Job>> taken = new ArrayList<>(1);
        singletons.runExclusively(Singletons.TAKEOVER, () -> taken.add(recovery.takeOverOrphans(now)));
        List<Job> ourNow = taken.isEmpty() ? List.of() : taken.get(0);
        // Ours to fire from this moment, before anything looks for claims this instance does not know.
        ourNow.forEach(job -> ours.add(job.claim().runId()));
        return ourNow;
    }

    private static java.util.concurrent.ThreadFactory namedThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix.endsWith("-") ? prefix + counter.incrementAndGet() : prefix);
            thread.setDaemon(true);
            return thread;
        };
    }
}
