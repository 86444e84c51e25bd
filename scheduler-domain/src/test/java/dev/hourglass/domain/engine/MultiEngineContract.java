package dev.hourglass.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.domain.Hourglass;
import dev.hourglass.domain.model.InstanceId;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.RunId;
import dev.hourglass.domain.model.RunRecord;
import dev.hourglass.domain.model.RunStatus;
import dev.hourglass.domain.port.in.CreateJobCommand;
import dev.hourglass.domain.port.out.RunOutcome;
import dev.hourglass.domain.port.out.SchedulerStore;
import dev.hourglass.domain.port.out.TaskRequest;
import dev.hourglass.domain.schedule.ScheduleSpec;
import dev.hourglass.domain.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several Hourglass instances on one store (CONTRACT §10), run against each store implementation:
 * the in-memory fake here, the real adapters in their modules. Instances share one
 * {@link ManualClock} and are driven by hand ({@code heartbeat()}, {@code runDueJobs()}), each on
 * a driver thread of its own so their store calls interleave for real. At random an instance stops
 * (it is simply not driven again, and its lease lapses), crashes in the middle of a run (its driver
 * thread freezes inside the task, to wake as a zombie at the end), or a new instance starts on the
 * same store. Afterwards, whatever happened:
 * <ul>
 * <li>no job ever ran twice at once on live instances;
 * <li>no outcome was lost: every task run by a live instance is in the history as it ended, and
 * the job's run count agrees; every run of a crashed instance is in the history as
 * {@code superseded}, and changed nothing;
 * <li>every interrupted run was fired again with its run id and attempt, and finished;
 * <li>no run id finished twice.
 * </ul>
 * Waits are on futures and latches; the give-up only stops a broken engine from hanging the build.
 */
public abstract class MultiEngineContract {

    private static final Instant START = Instant.parse("2026-11-28T10:00:00Z");
    private static final long GIVE_UP_SECONDS = 60;
    /** Small batches, so that the instances share the due jobs instead of one taking them all. */
    private static final EngineSettings SETTINGS = new EngineSettings(2, Duration.ofSeconds(5), 3, 16,
            Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(60),
            Duration.ofDays(90));

    private SchedulerStore store;
    private Simulation simulation;

    /** A fresh, empty store shared by all instances of one test; closed afterwards when {@link AutoCloseable}. */
    protected abstract SchedulerStore createStore() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = createStore();
    }

    @AfterEach
    void closeStore() throws Exception {
        if (simulation != null) {
            simulation.shutDown();
        }
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13})
    void two_instances_with_random_stops_crashes_and_restarts_lose_nothing_and_never_overlap(long seed)
            throws Exception {
        simulate(seed, 2, 30);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23})
    void three_instances_with_random_stops_crashes_and_restarts_lose_nothing_and_never_overlap(long seed)
            throws Exception {
        simulate(seed, 3, 40);
    }

    /**
     * Three started instances on their own threads and the real clock, one replaced half-way: no job
     * runs twice at once, and every run's outcome is counted. Waits poll with a generous give-up.
     */
    @org.junit.jupiter.api.Test
    void three_started_instances_on_real_threads_never_overlap_and_count_every_run() throws Exception {
        // A lease long enough that a machine busy with other builds never lets one lapse: no instance here
        // dies, so every run must be counted once, and a lapse would make a run legitimately count twice.
        EngineSettings quick = new EngineSettings(2, Duration.ofSeconds(5), 2, 4, Duration.ofMillis(200),
                Duration.ofMillis(50), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofDays(90));
        Map<JobId, AtomicInteger> inFlight = new ConcurrentHashMap<>();
        Map<JobId, AtomicInteger> finished = new ConcurrentHashMap<>();
        List<String> overlaps = new CopyOnWriteArrayList<>();
        dev.hourglass.domain.port.out.TaskRunner runner = request -> {
            if (inFlight.computeIfAbsent(request.jobId(), id -> new AtomicInteger()).incrementAndGet() > 1) {
                overlaps.add(request.jobId() + " run " + request.runId());
            }
            Thread.yield();
            inFlight.get(request.jobId()).decrementAndGet();
            finished.computeIfAbsent(request.jobId(), id -> new AtomicInteger()).incrementAndGet();
            return RunOutcome.ok("ok");
        };
        List<Hourglass> started = new ArrayList<>();
        java.util.function.IntFunction<Hourglass> startOne = n -> {
            Hourglass hourglass = Hourglass.builder(store).runner(runner).engineSettings(quick)
                    .instanceName("threads-" + n).alerts(alert -> { }).build();
            hourglass.start();
            started.add(hourglass);
            return hourglass;
        };
        try {
            for (int n = 0; n < 3; n++) {
                startOne.apply(n);
            }
            List<JobId> jobs = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                jobs.add(started.get(i % 3).useCases().create()
                        .create(CreateJobCommand.of("threaded-" + i, ScheduleSpec.every(20), "task")).id());
            }
            awaitRuns(jobs, finished, 5);
            started.get(0).close();
            startOne.apply(3);
            awaitRuns(jobs, finished, 10);
        } finally {
            started.forEach(Hourglass::close);
        }

        assertThat(overlaps).isEmpty();
        assertThat(store.running()).isEmpty();
        for (Map.Entry<JobId, AtomicInteger> ran : finished.entrySet()) {
            assertThat(store.find(ran.getKey()).orElseThrow().runCount()).as("runs of " + ran.getKey())
                    .isEqualTo(ran.getValue().get());
        }
    }

    private static void awaitRuns(List<JobId> jobs, Map<JobId, AtomicInteger> finished, int atLeast) {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(GIVE_UP_SECONDS);
        while (!jobs.stream().allMatch(id -> finished.getOrDefault(id, new AtomicInteger()).get() >= atLeast)) {
            assertThat(System.nanoTime() - giveUp).as("every job ran " + atLeast + " times in time").isNegative();
            Thread.onSpinWait();
        }
    }

    private void simulate(long seed, int instances, int jobs) throws Exception {
        simulation = new Simulation(store, seed, instances);
        simulation.createJobs(jobs);
        simulation.run(40);
        simulation.drain();
        simulation.wakeZombies();
        simulation.check();
    }

    /**
     * One task run as the runner saw it: how it ended, or that its instance froze inside it. Whether
     * its outcome counted (or arrived too late, superseded) is read from the history afterwards.
     */
    private record Invocation(RunId runId, JobId jobId, int attempt, Node node, boolean froze, RunStatus ended) {
    }

    /** One Hourglass instance and the thread that drives it. */
    private static final class Node {

        final int number;
        final ExecutorService driver;
        volatile Hourglass hourglass;
        volatile boolean crashed;
        /** Completed when the current step returns, or when the instance crashes inside it. */
        volatile CompletableFuture<Void> step = CompletableFuture.completedFuture(null);
        volatile Future<?> task;

        Node(int number) {
            this.number = number;
            this.driver = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "test-driver-" + number);
                thread.setDaemon(true);
                return thread;
            });
        }

        InstanceId id() {
            return hourglass.instanceId();
        }

        CompletableFuture<Void> drive(Runnable work) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            step = done;
            task = driver.submit(() -> {
                try {
                    work.run();
                    done.complete(null);
                } catch (RuntimeException | Error e) {
                    done.completeExceptionally(e);
                }
            });
            return done;
        }

        @Override
        public String toString() {
            return "node-" + number + (hourglass == null ? "" : " (" + id() + ")");
        }
    }

    private static final class Simulation {

        private final SchedulerStore store;
        private final long seed;
        private final int target;
        private final Random random;
        private final ManualClock clock = new ManualClock(START);
        private final AtomicLong ids = new AtomicLong();
        private final Supplier<String> idSupplier = () -> "id-" + ids.incrementAndGet();
        private final List<Node> nodes = new ArrayList<>();
        private final List<Node> live = new ArrayList<>();
        private final List<String> events = new CopyOnWriteArrayList<>();
        private final List<String> violations = new CopyOnWriteArrayList<>();
        private final List<Invocation> invocations = new CopyOnWriteArrayList<>();
        private final Map<JobId, RunId> running = new ConcurrentHashMap<>();
        private final CountDownLatch wake = new CountDownLatch(1);
        private final AtomicInteger crashes = new AtomicInteger();
        private volatile boolean crashesAllowed = true;
        private List<JobId> jobIds = List.of();

        Simulation(SchedulerStore store, long seed, int target) {
            this.store = store;
            this.seed = seed;
            this.target = target;
            this.random = new Random(seed);
        }

        void createJobs(int count) throws Exception {
            Node first = startNode();
            List<JobId> created = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                long intervalMs = 3_000 + random.nextInt(12) * 1_000L;
                created.add(first.hourglass.useCases().create()
                        .create(CreateJobCommand.of("job-" + i, ScheduleSpec.every(intervalMs), "task " + i)).id());
            }
            jobIds = List.copyOf(created);
            while (live.size() < target) {
                startNode();
            }
        }

        void run(int rounds) throws Exception {
            for (int round = 0; round < rounds; round++) {
                clock.advance(Duration.ofMillis(500 + random.nextInt(2_500)));
                if (!live.isEmpty() && random.nextInt(100) < 12) {
                    Node stopped = live.remove(random.nextInt(live.size()));
                    events.add(clock.instant() + " stop " + stopped);
                }
                if (live.size() < target && random.nextInt(100) < 35) {
                    startNode();
                }
                driveAll();
            }
        }

        /** No more stops or crashes; live instances take over what is left until no claim remains. */
        void drain() throws Exception {
            crashesAllowed = false;
            if (live.isEmpty()) {
                startNode();
            }
            for (int round = 0; round < 40; round++) {
                clock.advance(Duration.ofSeconds(2));
                driveAll();
                if (store.running().isEmpty()) {
                    events.add(clock.instant() + " drained after " + round + " rounds");
                    return;
                }
            }
            throw new AssertionError(report("claims left after draining: " + store.running()));
        }

        /** The frozen instances wake up: their late outcomes arrive when nothing is due. */
        void wakeZombies() throws Exception {
            wake.countDown();
            for (Node node : nodes) {
                if (node.crashed) {
                    node.task.get(GIVE_UP_SECONDS, TimeUnit.SECONDS);
                }
            }
        }

        void check() {
            assertThat(violations).as(report("overlapping runs")).isEmpty();
            assertThat(store.running()).as(report("claims left")).isEmpty();
            Map<RunId, List<Invocation>> finishedLive = new HashMap<>();
            Map<RunId, List<Invocation>> byRun = invocations.stream()
                    .collect(Collectors.groupingBy(Invocation::runId));
            long counted = 0;
            for (JobId jobId : jobIds) {
                Job job = store.find(jobId).orElseThrow();
                List<RunRecord> history = store.runsOf(jobId, 1_000);
                assertThat(history.size()).as("history not trimmed, so that it can be checked").isLessThan(100);
                long liveRuns = 0;
                for (Invocation invocation : invocations) {
                    if (!invocation.jobId().equals(jobId)) {
                        continue;
                    }
                    List<RunStatus> recorded = history.stream()
                            .filter(r -> r.runId().equals(invocation.runId())
                                    && invocation.node().id().equals(r.instance())
                                    && r.status() != RunStatus.INTERRUPTED)
                            .map(RunRecord::status)
                            .toList();
                    List<RunStatus> allowed = invocation.froze() ? List.of(RunStatus.SUPERSEDED)
                            : invocation.node().crashed ? List.of(invocation.ended(), RunStatus.SUPERSEDED)
                            : List.of(invocation.ended());
                    assertThat(recorded).as(report("the outcome of " + invocation + " is recorded once"))
                            .hasSize(1).containsAnyElementsOf(allowed);
                    if (recorded.get(0) != RunStatus.SUPERSEDED) {
                        liveRuns++;
                        finishedLive.computeIfAbsent(invocation.runId(), id -> new ArrayList<>()).add(invocation);
                    }
                }
                assertThat(job.runCount()).as(report("run count of " + job.name())).isEqualTo(liveRuns);
                assertThat(history.stream().filter(r -> r.status() == RunStatus.OK || r.status() == RunStatus.ERROR))
                        .as("every counted run in the history was run by the runner").hasSize((int) liveRuns);
                counted += liveRuns;
                for (RunRecord interrupted : history) {
                    if (interrupted.status() == RunStatus.INTERRUPTED) {
                        assertThat(finishedLive.getOrDefault(interrupted.runId(), List.of()))
                                .as(report("interrupted run " + interrupted.runId() + " fired again and finished"))
                                .hasSize(1);
                        assertThat(byRun.get(interrupted.runId())).extracting(Invocation::attempt)
                                .as("every fire of run " + interrupted.runId() + " has the same attempt")
                                .containsOnly(finishedLive.get(interrupted.runId()).get(0).attempt());
                    }
                }
                assertThat(job.claim()).isNull();
            }
            for (Map.Entry<RunId, List<Invocation>> run : finishedLive.entrySet()) {
                assertThat(run.getValue()).as(report("run " + run.getKey() + " counted at most once")).hasSize(1);
            }
            assertThat(counted).as("the simulation ran something").isGreaterThan(jobIds.size());
            assertThat(crashes.get() + events.stream().filter(e -> e.contains(" stop ")).count())
                    .as("the simulation stopped or crashed an instance").isPositive();
        }

        void shutDown() {
            wake.countDown();
            nodes.forEach(node -> node.driver.shutdownNow());
        }

        private Node startNode() throws Exception {
            Node node = new Node(nodes.size() + 1);
            node.hourglass = Hourglass.builder(store)
                    .clock(clock)
                    .ids(idSupplier)
                    .runner(request -> run(node, request))
                    .engineSettings(SETTINGS)
                    .instanceName("node-" + node.number)
                    .alerts(alert -> { })
                    .build();
            nodes.add(node);
            live.add(node);
            events.add(clock.instant() + " start " + node);
            await(List.of(node.drive(node.hourglass::recover)));
            return node;
        }

        private void driveAll() throws Exception {
            List<CompletableFuture<Void>> steps = new ArrayList<>();
            for (Node node : live) {
                steps.add(node.drive(() -> {
                    node.hourglass.heartbeat();
                    node.hourglass.runDueJobs();
                }));
            }
            await(steps);
            live.removeIf(node -> node.crashed);
        }

        private void await(List<CompletableFuture<Void>> steps) throws Exception {
            CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new)).get(GIVE_UP_SECONDS, TimeUnit.SECONDS);
        }

        /** The task runner of every instance: tracks overlap, sometimes fails, sometimes freezes the instance. */
        private RunOutcome run(Node node, TaskRequest request) throws InterruptedException {
            if (node.crashed) {
                // A zombie woke up and runs what it had claimed before it froze.
                invocations.add(new Invocation(request.runId(), request.jobId(), request.attempt(), node, false,
                        RunStatus.OK));
                return RunOutcome.ok("late");
            }
            RunId before = running.putIfAbsent(request.jobId(), request.runId());
            if (before != null) {
                violations.add(request.jobId() + " started run " + request.runId() + " on " + node + " while run "
                        + before + " was going on");
            }
            Random dice = new Random(seed * 31 + request.runId().value().hashCode());
            if (crashesAllowed && dice.nextInt(100) < 2) {
                running.remove(request.jobId(), request.runId());
                node.crashed = true;
                crashes.incrementAndGet();
                events.add(clock.instant() + " crash " + node + " in run " + request.runId());
                invocations.add(new Invocation(request.runId(), request.jobId(), request.attempt(), node, true,
                        RunStatus.OK));
                node.step.complete(null);
                wake.await();
                return RunOutcome.ok("late");
            }
            boolean fails = dice.nextInt(100) < 15;
            invocations.add(new Invocation(request.runId(), request.jobId(), request.attempt(), node, false,
                    fails ? RunStatus.ERROR : RunStatus.OK));
            running.remove(request.jobId(), request.runId());
            return fails ? RunOutcome.failed("boom") : RunOutcome.ok("ok");
        }

        private String report(String what) {
            return what + " (seed " + seed + ", " + crashes.get() + " crashes); events:\n" + String.join("\n", events);
        }
    }
}
