package dev.hourglass.domain.engine;

import dev.hourglass.domain.model.Claim;
import dev.hourglass.domain.model.Instants;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.RunId;
import dev.hourglass.domain.policy.OutcomePolicy;
import dev.hourglass.domain.policy.RunResult;
import dev.hourglass.domain.port.out.JobStore;
import dev.hourglass.domain.port.out.JobWrite;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Fires due jobs. One dispatcher thread sleeps until the earliest due instant or a {@link Wakeup},
 * claims due jobs in groups (one transaction each), and hands them to a bounded worker pool in
 * due order; a {@link GroupCommitter} stores their outcomes in groups. A claimed job is never fired
 * again until its outcome is stored, so a job never runs twice at once.
 *
 * <p>Without {@link #start()}, {@link #runDueJobs()} fires what is due in the calling thread: with
 * a settable clock, tests drive the engine step by step and never sleep.
 */
public final class Engine implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Engine.class.getName());
    private static final Duration SWEEP_INTERVAL = Duration.ofDays(1);

    private final JobStore store;
    private final RunExecutor executor;
    private final OutcomeRecorder recorder;
    private final Recovery recovery;
    private final ClockJumps clockJumps;
    private final Clock clock;
    private final Supplier<String> ids;
    private final EngineSettings settings;
    private final Wakeup wakeup;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<Job> refires = new ArrayList<>();
    private final AtomicBoolean recovered = new AtomicBoolean();

    private final Object lifecycle = new Object();
    private Thread dispatcher;
    private ThreadPoolExecutor workers;
    private GroupCommitter committer;
    private volatile boolean stopping;
    private volatile boolean abandoned;
    private volatile boolean waitingForRoom;
    private Instant nextSweepAt = Instant.MIN;

    public Engine(JobStore store, RunExecutor executor, OutcomeRecorder recorder, OutcomePolicy policy, Clock clock,
            Supplier<String> ids, EngineSettings settings, Wakeup wakeup) {
        this.store = Objects.requireNonNull(store, "store");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.wakeup = Objects.requireNonNull(wakeup, "wakeup");
        this.recovery = new Recovery(store, policy, ids);
        this.clockJumps = new ClockJumps(recovery, System::nanoTime);
    }

    /**
     * Puts right what the last stop left: runs that were claimed but never recorded are marked
     * interrupted and will fire again with the same run id, fires missed while down are re-planned
     * 5 s apart, old terminal jobs are swept. Part of {@link #start()}; call it directly only when
     * driving the engine by hand with {@link #runDueJobs()}, which then fires the interrupted runs.
     */
    public void recover() {
        if (!recovered.compareAndSet(false, true)) {
            return;
        }
        Instant now = Instants.now(clock);
        List<Job> interrupted = recovery.interruptedRuns(now);
        int replanned = recovery.replanMissed(now);
        sweep(now);
        if (!interrupted.isEmpty() || replanned > 0) {
            LOG.log(Level.INFO, "recovered: {0} interrupted run(s) fire again, {1} missed fire(s) re-planned",
                    interrupted.size(), replanned);
        }
        synchronized (refires) {
            refires.addAll(interrupted);
        }
    }

    /** Recovers from the last stop (see {@link #recover()}), then fires due jobs on background threads. */
    public void start() {
        synchronized (lifecycle) {
            if (dispatcher != null) {
                throw new IllegalStateException("the engine is already started");
            }
            workers = new ThreadPoolExecutor(settings.workers(), settings.workers(), 0, TimeUnit.MILLISECONDS,
                    new LinkedBlockingQueue<>(), namedThreads("hourglass-worker-"));
            committer = new GroupCommitter(recorder);
            committer.start();
            recover();
            takeRefires().forEach(this::dispatch);
            dispatcher = namedThreads("hourglass-dispatcher").newThread(this::dispatchLoop);
            dispatcher.start();
        }
    }

    /** Something changed the schedule: look for due jobs again now. */
    public void wakeUp() {
        wakeup.raise();
    }

    /**
     * Fires, in the calling thread, every job due by the clock's current instant, and records the
     * outcomes; repeats until nothing is due. For tests and embedders driving a settable clock.
     *
     * @return how many runs were fired
     */
    public int runDueJobs() {
        int fired = 0;
        List<Job> pending = takeRefires();
        while (true) {
            List<Job> claimed = pending.isEmpty() ? claimDue(Instants.now(clock), settings.claimBatch()) : pending;
            pending = List.of();
            if (claimed.isEmpty()) {
                return fired;
            }
            List<RunResult> results = new ArrayList<>();
            for (Job job : claimed) {
                results.add(executor.execute(job));
            }
            recorder.record(results);
            fired += claimed.size();
        }
    }

    /**
     * Stops firing, lets running tasks finish for up to the shutdown grace and stores their outcomes.
     * Tasks still running after the grace are interrupted and left claimed: the next start marks
     * them interrupted and fires them again with the same run id.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (dispatcher == null || stopping) {
                return;
            }
            stopping = true;
            wakeup.raise();
            try {
                dispatcher.join();
                releaseQueuedClaims();
                workers.shutdown();
                if (!workers.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                    abandoned = true;
                    LOG.log(Level.WARNING, "{0} task(s) still running after the shutdown grace of {1}; "
                            + "they fire again after restart", workers.getActiveCount(), settings.shutdownGrace());
                    workers.shutdownNow();
                    workers.awaitTermination(1, TimeUnit.SECONDS);
                }
                committer.stop(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void dispatchLoop() {
        while (!stopping) {
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
                int room = settings.maxInFlight() - inFlight.get();
                if (room > 0) {
                    int wanted = Math.min(room, settings.claimBatch());
                    List<Job> due = store.due(now, wanted);
                    claim(due, now).forEach(this::dispatch);
                    if (due.size() == wanted) {
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
            } catch (RuntimeException | Error e) {
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
        return store.nextDueAt()
                .map(due -> Duration.between(clock.instant(), due).toNanos())
                .map(nanos -> Math.max(0, Math.min(nanos, maxIdle)))
                .orElse(maxIdle);
    }

    private List<Job> claimDue(Instant now, int limit) {
        return claim(store.due(now, limit), now);
    }

    /** Claims the jobs in one transaction; a job another writer changed meanwhile is left alone. */
    private List<Job> claim(List<Job> due, Instant now) {
        if (due.isEmpty()) {
            return List.of();
        }
        List<JobWrite.Save> writes = new ArrayList<>(due.size());
        for (Job job : due) {
            Claim claim = new Claim(new RunId(ids.get()), job.nextRunAt(), now, job.version() + 1);
            writes.add(JobWrite.save(job, job.withClaim(claim, now), List.of()));
        }
        List<Boolean> applied = store.apply(List.copyOf(writes));
        List<Job> claimed = new ArrayList<>(due.size());
        for (int i = 0; i < writes.size(); i++) {
            if (applied.get(i)) {
                claimed.add(writes.get(i).job());
            }
        }
        return claimed;
    }

    private void dispatch(Job claimed) {
        inFlight.incrementAndGet();
        workers.execute(new ClaimedRun(claimed));
    }

    /**
     * Runs that were claimed but had not started when the engine stopped are handed back: their
     * claims are released, so they are due again (and re-planned like any missed fire at the next
     * start) instead of starting after the stop or counting as interrupted.
     */
    private void releaseQueuedClaims() {
        List<Runnable> queued = new ArrayList<>();
        workers.getQueue().drainTo(queued);
        if (queued.isEmpty()) {
            return;
        }
        inFlight.addAndGet(-queued.size());
        Instant now = Instants.now(clock);
        List<JobWrite> releases = new ArrayList<>(queued.size());
        for (Runnable run : queued) {
            Job claimed = ((ClaimedRun) run).claimed;
            releases.add(JobWrite.save(claimed, claimed.withClaim(null, now), List.of()));
        }
        try {
            long released = store.apply(releases).stream().filter(Boolean::booleanValue).count();
            LOG.log(Level.INFO, "{0} claimed run(s) had not started at the stop; released", released);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not release the claims of runs that had not started; they fire again "
                    + "after restart", e);
        }
    }

    /** One claimed run on a worker; the queue holds these, so a stop can tell which jobs they were. */
    private final class ClaimedRun implements Runnable {

        private final Job claimed;

        ClaimedRun(Job claimed) {
            this.claimed = claimed;
        }

        @Override
        public void run() {
            try {
                RunResult result = executor.execute(claimed);
                if (!abandoned) {
                    committer.submit(result);
                }
            } finally {
                inFlight.decrementAndGet();
                if (waitingForRoom) {
                    wakeup.raise();
                }
            }
        }
    }

    private void sweep(Instant now) {
        int swept = recovery.sweepTerminal(now);
        if (swept > 0) {
            LOG.log(Level.INFO, "removed {0} failed or completed job(s) unchanged for over 30 days", swept);
        }
        nextSweepAt = now.plus(SWEEP_INTERVAL);
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
