package dev.hourglass.app.bench;

import dev.hourglass.domain.Hourglass;
import dev.hourglass.domain.NewJob;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.port.in.CreateJobCommand;
import dev.hourglass.domain.port.in.UseCases;
import dev.hourglass.domain.port.out.RunOutcome;
import dev.hourglass.domain.port.out.TaskRequest;
import dev.hourglass.domain.port.out.TaskRunner;
import dev.hourglass.domain.schedule.ScheduleSpec;
import dev.hourglass.domain.schedule.Schedules;
import dev.hourglass.domain.port.out.SchedulerStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/** The engine on the real SQLite store with a task runner that does nothing: what Hourglass itself costs. */
final class EngineWorkloads {

    private static final int WORKERS = 4;

    private EngineWorkloads() {
    }

    /**
     * W1: 10,000 one-shot jobs due at one instant, stored before the engine starts; wall time until
     * every outcome is durable. Run three times, each on a fresh file: the first two warm the JIT
     * up, as a long-running service is; the cold figure is reported too.
     */
    static Result burst(BenchStores stores, int jobs) throws Exception {
        BurstRun cold = burstOnce(stores, "w1-warm-up-1", jobs);
        burstOnce(stores, "w1-warm-up-2", jobs);
        BurstRun warm = burstOnce(stores, "w1", jobs);
        return new Result("W1 burst")
                .parameter("jobs", jobs).parameter("workers", WORKERS).parameter("store", stores.describe())
                .figure("wallSeconds", warm.seconds())
                .figure("firesPerSecond", jobs / warm.seconds())
                .figure("cpuSecondsPer1000Fires", warm.cpuSeconds() * 1000 / jobs)
                .figure("coldJvmFiresPerSecond", jobs / cold.seconds())
                .figure("completedDurably", warm.completed())
                .figure("createsPerSecondOneAtATime", jobs / warm.createSeconds())
                .figure("lagP50Ms", warm.lags().millis(50))
                .figure("lagMaxMs", warm.lags().maxMillis())
                .figure("rssBeforeMb", warm.rssBeforeMb())
                .figure("rssAfterMb", warm.rssAfterMb());
    }

    private record BurstRun(double createSeconds, double seconds, double cpuSeconds, long completed, Percentiles lags,
            long rssBeforeMb, long rssAfterMb) {
    }

    /**
     * The jobs are created on a clock an hour behind their instant, and the engines run on a clock
     * shifted so that they fall due one second after they start: however long creating them takes,
     * none is "missed" (which start-up recovery would spread 5 s apart).
     */
    private static BurstRun burstOnce(BenchStores stores, String name, int jobs) throws Exception {
        try (BenchStores.Opened opened = stores.open(name)) {
            SchedulerStore store = opened.stores().get(0);
            Instant createdAt = Instant.now();
            Instant at = createdAt.plus(Duration.ofHours(1));
            Hourglass creator = Hourglass.builder(store).clock(Clock.fixed(createdAt, ZoneOffset.UTC))
                    .runner(request -> RunOutcome.ok(null)).maxJobs(jobs).build();
            // One at a time through the typed Java API, as an embedding application creates its jobs.
            long createStart = System.nanoTime();
            for (int i = 0; i < jobs; i++) {
                creator.jobs().create("burst-" + i, Schedules.at(at), "noop");
            }
            double createSeconds = (System.nanoTime() - createStart) / 1e9;
            Instant due = Instant.now().plusSeconds(1);
            Clock engineClock = Clock.offset(Clock.systemUTC(), Duration.between(due, at));
            LagRecorder runner = new LagRecorder(engineClock);
            long rssBefore = Memory.residentMegabytes();
            List<CountingStore> counting = new ArrayList<>();
            List<Hourglass> engines = new ArrayList<>();
            try {
                for (SchedulerStore each : opened.stores()) {
                    CountingStore counted = new CountingStore(each);
                    counting.add(counted);
                    engines.add(BenchStores.engine(counted, each).clock(engineClock).runner(runner)
                            .workers(WORKERS).maxJobs(jobs).build());
                }
                engines.forEach(Hourglass::start);
                awaitInstant(due);
                long start = System.nanoTime();
                double cpuStart = Cpu.processSeconds();
                while (counting.stream().mapToInt(CountingStore::completed).sum() < jobs) {
                    LockSupport.parkNanos(100_000);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpu = Cpu.processSeconds() - cpuStart;
                long completed = store.list(Optional.of(JobStatus.COMPLETED)).size();
                return new BurstRun(createSeconds, seconds, cpu, completed, runner.lags(), rssBefore, Memory.residentMegabytes());
            } finally {
                engines.forEach(Hourglass::close);
            }
        }
    }

    /**
     * Batch create: {@code jobs} one-shot jobs through {@code hourglass.jobs().createAll}, {@code batch}
     * at a time (each batch one transaction with its entries and revisions), each run on a fresh store.
     * Six runs: three warm the JIT up (the first is the cold figure), the median of the last three is
     * reported, with the best and the process CPU per 1,000 creates (which other load on the machine
     * moves less than wall time).
     */
    static Result batchCreate(BenchStores stores, int jobs, int batch) throws Exception {
        List<BatchRun> runs = new ArrayList<>();
        for (int run = 1; run <= 6; run++) {
            runs.add(batchCreateOnce(stores, "batch-" + run, jobs, batch));
        }
        List<BatchRun> measured = runs.subList(3, 6).stream()
                .sorted(java.util.Comparator.comparingDouble(BatchRun::seconds)).toList();
        BatchRun median = measured.get(1);
        return new Result("batch create")
                .parameter("jobs", jobs).parameter("batch", batch).parameter("store", stores.describe())
                .figure("createsPerSecond", jobs / median.seconds())
                .figure("bestCreatesPerSecond", jobs / measured.get(0).seconds())
                .figure("msPerBatch", median.seconds() * 1000 / (jobs / (double) batch))
                .figure("cpuSecondsPer1000Creates", median.cpuSeconds() * 1000 / jobs)
                .figure("coldJvmCreatesPerSecond", jobs / runs.get(0).seconds());
    }

    private record BatchRun(double seconds, double cpuSeconds) {
    }

    /** Creating the jobs as W1 makes them (one-shots an hour ahead), a batch at a time: wall and CPU seconds. */
    private static BatchRun batchCreateOnce(BenchStores stores, String name, int jobs, int batch) throws Exception {
        try (BenchStores.Opened opened = stores.open(name)) {
            Instant createdAt = Instant.now();
            Instant at = createdAt.plus(Duration.ofHours(1));
            Hourglass creator = Hourglass.builder(opened.stores().get(0)).clock(Clock.fixed(createdAt, ZoneOffset.UTC))
                    .runner(request -> RunOutcome.ok(null)).maxJobs(jobs).build();
            long start = System.nanoTime();
            double cpuStart = Cpu.processSeconds();
            for (int from = 0; from < jobs; from += batch) {
                List<NewJob> some = new ArrayList<>(batch);
                for (int i = from; i < Math.min(jobs, from + batch); i++) {
                    some.add(NewJob.of("batch-" + i, Schedules.at(at), "noop"));
                }
                creator.jobs().createAll(some);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = Cpu.processSeconds() - cpuStart;
            int stored = opened.stores().get(0).list(Optional.empty()).size();
            if (stored != jobs) {
                throw new IllegalStateException("created " + stored + " jobs, not " + jobs);
            }
            return new BatchRun(seconds, cpu);
        }
    }

    /** W2: one-shot jobs at distinct instants over 10 s; how late each starts. */
    static Result lag(BenchStores stores, int jobs, Duration spread) throws Exception {
        try (BenchStores.Opened opened = stores.open("w2")) {
            // As in W1: the jobs are created on a clock an hour behind their instants, and the engines run
            // on a clock shifted so that the first falls due two seconds after they start, however long
            // creating them took (on PostgreSQL, longer than any fixed head start): none is "missed".
            Instant createdAt = Instant.now();
            Instant first = createdAt.plus(Duration.ofHours(1));
            Hourglass creator = Hourglass.builder(opened.stores().get(0)).clock(Clock.fixed(createdAt, ZoneOffset.UTC))
                    .runner(request -> RunOutcome.ok(null)).maxJobs(jobs).build();
            long stepMicros = spread.toNanos() / 1000 / jobs;
            for (int i = 0; i < jobs; i++) {
                Instant at = first.plus(stepMicros * i, ChronoUnit.MICROS).truncatedTo(ChronoUnit.MILLIS);
                creator.useCases().create().create(CreateJobCommand.of("lag-" + i, ScheduleSpec.at(at.toString()), "noop"));
            }
            Clock engineClock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now().plusSeconds(2), first));
            LagRecorder runner = new LagRecorder(engineClock);
            List<Hourglass> engines = build(opened, runner, jobs, engineClock);
            try {
                engines.forEach(Hourglass::start);
                double cpuStart = Cpu.processSeconds();
                while (runner.count() < jobs) {
                    LockSupport.parkNanos(1_000_000);
                }
                double cpu = Cpu.processSeconds() - cpuStart;
                Percentiles lags = runner.lags();
                return new Result("W2 lag")
                        .parameter("jobs", jobs).parameter("spreadSeconds", spread.toSeconds())
                        .parameter("store", stores.describe())
                        .figure("lagP50Ms", lags.millis(50))
                        .figure("lagP99Ms", lags.millis(99))
                        .figure("lagMaxMs", lags.maxMillis())
                        .figure("cpuSecondsPer1000Fires", cpu * 1000 / jobs);
            } finally {
                engines.forEach(Hourglass::close);
            }
        }
    }

    /** W3: recurring jobs every second for a while; fires achieved against the ideal, and their lag. */
    static Result recurring(BenchStores stores, int jobs, Duration window) throws Exception {
        try (BenchStores.Opened opened = stores.open("w3")) {
            LagRecorder runner = new LagRecorder(Clock.systemUTC());
            List<Hourglass> engines = build(opened, runner, jobs);
            try {
                engines.forEach(Hourglass::start);
                for (int i = 0; i < jobs; i++) {
                    engines.get(i % engines.size()).useCases().create().create(
                            CreateJobCommand.of("every-" + i, ScheduleSpec.every(1000), "noop"));
                }
                Instant windowStart = Instant.now().plusSeconds(1);
                Instant windowEnd = windowStart.plus(window);
                runner.countPlannedWithin(windowStart, windowEnd);
                awaitInstant(windowStart);
                double cpuStart = Cpu.processSeconds();
                awaitInstant(windowEnd.plusSeconds(1));
                double cpu = Cpu.processSeconds() - cpuStart;
                long ideal = jobs * window.toSeconds();
                Percentiles lags = runner.lags();
                return new Result("W3 recurring")
                        .parameter("jobs", jobs).parameter("intervalMs", 1000).parameter("windowSeconds", window.toSeconds())
                        .parameter("store", stores.describe())
                        .figure("fires", runner.countedInWindow())
                        .figure("idealFires", ideal)
                        .figure("percentOfIdeal", 100.0 * runner.countedInWindow() / ideal)
                        .figure("lagP50Ms", lags.millis(50))
                        .figure("lagP99Ms", lags.millis(99))
                        .figure("lagMaxMs", lags.maxMillis())
                        .figure("cpuSecondsPer1000Fires", cpu * 1000 / Math.max(1, runner.countedInWindow()));
            } finally {
                engines.forEach(Hourglass::close);
            }
        }
    }

    private static List<Hourglass> build(BenchStores.Opened opened, TaskRunner runner, int jobs) {
        return build(opened, runner, jobs, Clock.systemUTC());
    }

    private static List<Hourglass> build(BenchStores.Opened opened, TaskRunner runner, int jobs, Clock clock) {
        List<Hourglass> engines = new ArrayList<>();
        for (SchedulerStore store : opened.stores()) {
            engines.add(BenchStores.engine(store, store).clock(clock).runner(runner).workers(WORKERS).maxJobs(jobs)
                    .build());
        }
        return engines;
    }

    static void awaitInstant(Instant instant) {
        while (Instant.now().isBefore(instant)) {
            LockSupport.parkNanos(Math.max(100_000, Duration.between(Instant.now(), instant).toNanos() / 2));
        }
    }

    static Path tempDir() throws Exception {
        return Files.createTempDirectory("hourglass-bench");
    }

    /** A runner that does nothing but note how late each run started against its planned instant. */
    static final class LagRecorder implements TaskRunner {

        private final Clock clock;
        private final AtomicInteger count = new AtomicInteger();
        private final ConcurrentLinkedQueue<Long> lagMicros = new ConcurrentLinkedQueue<>();
        private volatile Instant windowStart = Instant.MIN;
        private volatile Instant windowEnd = Instant.MAX;
        private final AtomicInteger inWindow = new AtomicInteger();

        LagRecorder(Clock clock) {
            this.clock = clock;
        }

        @Override
        public RunOutcome run(TaskRequest request) {
            Instant started = clock.instant();
            Instant planned = request.plannedAt();
            if (planned != null && !planned.isBefore(windowStart) && planned.isBefore(windowEnd)) {
                inWindow.incrementAndGet();
                lagMicros.add(Math.max(0, Duration.between(planned, started).toNanos() / 1000));
            }
            count.incrementAndGet();
            return RunOutcome.ok(null);
        }

        void countPlannedWithin(Instant start, Instant end) {
            lagMicros.clear();
            inWindow.set(0);
            windowStart = start;
            windowEnd = end;
        }

        int count() {
            return count.get();
        }

        int countedInWindow() {
            return inWindow.get();
        }

        Percentiles lags() {
            return new Percentiles(lagMicros.stream().mapToLong(Long::longValue).toArray());
        }
    }
}
