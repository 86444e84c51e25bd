package dev.hourglass.domain.engine;

import dev.hourglass.domain.policy.RunResult;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;

/**
 * One thread that stores finished runs in groups: whatever finished while the previous group was
 * being committed goes into the next transaction. A store failure is retried; the runs stay claimed
 * until their outcome is durable, and {@link #backlog()} and {@link #failingSinceNanos()} make a
 * store that keeps refusing visible to health checks instead of silent.
 */
final class GroupCommitter {

    private static final System.Logger LOG = System.getLogger(GroupCommitter.class.getName());
    private static final int MAX_GROUP = 1000;
    private static final long FIRST_RETRY_PAUSE_MS = 10;
    private static final long MAX_RETRY_PAUSE_MS = 5_000;
    /** About 2.5 s of retries with growing pauses before a group is split up. */
    private static final int SPLIT_AFTER_FAILURES = 8;
    private static final Duration PARKED_RETRY = Duration.ofSeconds(30);

    private final OutcomeRecorder recorder;
    private final LinkedBlockingQueue<RunResult> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean stopping;
    /** Outcomes the store refused one by one; only the committer thread touches these. */
    private final List<RunResult> parked = new ArrayList<>();
    private long parkedUntilNanos;
    private volatile int inGroup;
    /** When the current run of failures began (System.nanoTime), or 0 while commits succeed. */
    private volatile long failingSinceNanos;

    /** Told of each run whose outcome is now stored (or has nowhere to go): it is no longer this engine's to finish. */
    private final Consumer<RunResult> settled;

    GroupCommitter(OutcomeRecorder recorder, Consumer<RunResult> settled) {
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.settled = Objects.requireNonNull(settled, "settled");
        this.thread = new Thread(this::loop, "hourglass-committer");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void submit(RunResult result) {
        queue.add(result);
    }

    /** Finished runs whose outcome is not stored yet. */
    int backlog() {
        return queue.size() + inGroup;
    }

    /** Since when commits have kept failing ({@link System#nanoTime()}), or 0 while they succeed. */
    long failingSinceNanos() {
        return failingSinceNanos;
    }

    /** Commits what is queued, then stops; gives up after {@code timeout}, leaving the rest claimed. */
    void stop(Duration timeout) throws InterruptedException {
        stopping = true;
        thread.join(Math.max(1, timeout.toMillis()));
        if (thread.isAlive()) {
            LOG.log(Level.WARNING, "{0} run outcome(s) not stored before shutdown; they re-fire after restart",
                    queue.size());
            thread.interrupt();
            thread.join();
        }
    }

    private void loop() {
        List<RunResult> group = new ArrayList<>();
        long pauseMs = FIRST_RETRY_PAUSE_MS;
        int failures = 0;
        while (!(stopping && queue.isEmpty() && group.isEmpty())) {
            try {
                if (group.isEmpty()) {
                    unparkWhenDue();
                    RunResult first = queue.poll(50, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    group.add(first);
                    queue.drainTo(group, MAX_GROUP - 1);
                    inGroup = group.size() + parked.size();
                } else if (group.size() < MAX_GROUP) {
                    // A group being retried takes in what finished meanwhile: when the next pass goes run by
                    // run, one outcome that alone keeps failing is told apart from a store that is down.
                    queue.drainTo(group, MAX_GROUP - group.size());
                    inGroup = group.size() + parked.size();
                }
                recorder.record(group);
                group.forEach(settled);
                group.clear();
                inGroup = parked.size();
                if (parked.isEmpty()) {
                    failingSinceNanos = 0;
                }
                pauseMs = FIRST_RETRY_PAUSE_MS;
                failures = 0;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                if (e instanceof OutcomesNotRecordedException partly) {
                    // What was stored is final; only the rest is tried again, or it would be recorded twice.
                    java.util.Set<RunResult> rest = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
                    rest.addAll(partly.remaining());
                    group.stream().filter(result -> !rest.contains(result)).forEach(settled);
                    group.clear();
                    group.addAll(partly.remaining());
                    inGroup = group.size() + parked.size();
                    if (group.isEmpty()) {
                        continue;
                    }
                }
                if (failingSinceNanos == 0) {
                    failingSinceNanos = System.nanoTime();
                }
                if (++failures >= SPLIT_AFTER_FAILURES) {
                    List<RunResult> unstored = recordOneByOne(group);
                    group.clear();
                    group.addAll(unstored);
                    inGroup = group.size() + parked.size();
                    if (unstored.isEmpty()) {
                        failures = 0;
                        pauseMs = FIRST_RETRY_PAUSE_MS;
                        continue;
                    }
                }
                LOG.log(Level.ERROR, "storing " + group.size() + " run outcome(s) failed; retrying in " + pauseMs + " ms", e);
                try {
                    Thread.sleep(pauseMs);
                } catch (InterruptedException interrupted) {
                    return;
                }
                pauseMs = Math.min(pauseMs * 2, MAX_RETRY_PAUSE_MS);
            }
        }
    }

    /**
     * A group that keeps failing is stored run by run, so that one outcome the store refuses cannot
     * hold up all the others. A run that fails on its own is parked and tried again later; its job
     * stays claimed (not fired again) meanwhile. Returns the runs to keep retrying as a group: all of
     * them when not one could be stored (the store is down, not one outcome bad, so none is parked
     * for long and all follow the store's recovery within the retry pause).
     */
    private List<RunResult> recordOneByOne(List<RunResult> group) {
        List<RunResult> refused = new ArrayList<>();
        List<Throwable> reasons = new ArrayList<>();
        boolean anyStored = false;
        for (RunResult result : group) {
            try {
                recorder.record(List.of(result));
                anyStored = true;
                settled.accept(result);
            } catch (OutcomesNotRecordedException e) {
                if (e.remaining().isEmpty()) {
                    anyStored = true;
                    settled.accept(result);
                } else {
                    refused.add(result);
                    reasons.add(e);
                }
            } catch (RuntimeException | Error e) {
                refused.add(result);
                reasons.add(e);
            }
        }
        if (!anyStored) {
            return refused;
        }
        for (int i = 0; i < refused.size(); i++) {
            park(refused.get(i), reasons.get(i));
        }
        return List.of();
    }

    private void park(RunResult result, Throwable e) {
        LOG.log(Level.ERROR, "the outcome of run " + result.claim().runId() + " of job " + result.claimedJob().id()
                + " cannot be stored; trying again in " + PARKED_RETRY.toSeconds() + " s", e);
        parked.add(result);
        parkedUntilNanos = System.nanoTime() + PARKED_RETRY.toNanos();
    }

    private void unparkWhenDue() {
        if (!parked.isEmpty() && System.nanoTime() - parkedUntilNanos >= 0) {
            queue.addAll(parked);
            parked.clear();
        }
    }
}
