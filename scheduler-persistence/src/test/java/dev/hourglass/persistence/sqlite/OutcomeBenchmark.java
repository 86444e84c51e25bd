package dev.hourglass.persistence.sqlite;

import dev.hourglass.persistence.*;
import dev.hourglass.persistence.jdbc.*;

import dev.hourglass.domain.engine.OutcomeRecorder;
import dev.hourglass.domain.model.Claim;
import dev.hourglass.domain.model.InstanceId;
import dev.hourglass.domain.port.out.Applied;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.RunId;
import dev.hourglass.domain.policy.BreakerSettings;
import dev.hourglass.domain.policy.OutcomePolicy;
import dev.hourglass.domain.policy.RunResult;
import dev.hourglass.domain.port.out.JobWrite;
import dev.hourglass.domain.port.out.RunOutcome;
import dev.hourglass.domain.testing.TestJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Records 10,000 run outcomes for 10,000 due jobs on a temporary database file, the way the engine
 * does: claim the due jobs in groups, then store the outcomes in groups through the domain's
 * {@link OutcomeRecorder} (one {@code apply} per group). Prints outcomes per second.
 *
 * <p>Arguments: {@code [jobs=10000] [group=1000] [sync=normal|full] [rounds=3]}; each round uses a fresh
 * file, the first also warms up the JIT. Not a test; see the module README.
 */
public final class OutcomeBenchmark {

    private static final int CLAIM_BATCH = 256;

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int group = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        boolean full = args.length > 2 && args[2].equals("full");
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        for (int round = 1; round <= rounds; round++) {
            System.out.print("round " + round + " (fresh database" + (round == 1 ? ", cold JVM" : "") + "): ");
            run(jobs, group, full);
        }
    }

    private static void run(int jobs, int group, boolean full) throws Exception {
        Path dir = Files.createTempDirectory("hourglass-bench");
        Clock clock = Clock.systemUTC();
        AtomicLong ids = new AtomicLong();
        try (SqliteStore store = SqliteStore.open(dir.resolve("bench.db"),
                SqliteOptions.defaults().withSyncEveryCommit(full))) {
            Instant start = Instant.now(clock).minusSeconds(3600).truncatedTo(ChronoUnit.MILLIS);
            for (int i = 0; i < jobs; i++) {
                Job job = TestJobs.job("bench job " + i).nextRunAt(start.plusMillis(i)).createdAt(start).build();
                store.insert(job, TestJobs.created(job), jobs);
            }

            List<RunResult> finished = claimAllDue(store, clock, ids);
            OutcomePolicy policy = new OutcomePolicy(BreakerSettings.DEFAULT, () -> "audit-" + ids.incrementAndGet());
            OutcomeRecorder recorder = new OutcomeRecorder(store, policy, clock, () -> { }, () -> { });

            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpuBegan = threads.getCurrentThreadCpuTime();
            long began = System.nanoTime();
            long stored = 0;
            for (int from = 0; from < finished.size(); from += group) {
                List<Optional<Job>> after = recorder.record(finished.subList(from, Math.min(from + group, finished.size())));
                stored += after.stream().filter(Optional::isPresent).count();
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuBegan) / 1e9;

            if (stored != jobs || !store.running().isEmpty()) {
                throw new IllegalStateException("expected " + jobs + " recorded outcomes, got " + stored);
            }
            System.out.printf("%d outcomes in groups of %d, synchronous=%s: %.3f s, %,.0f outcomes/s"
                    + " (recording thread on CPU %.3f s: %,.0f outcomes per CPU second)%n",
                    stored, group, full ? "FULL" : "NORMAL", seconds, stored / seconds, cpuSeconds, stored / cpuSeconds);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** Claims every due job as the engine's dispatcher does, and makes up an outcome for each: 1 in 10 fails. */
    private static final InstanceId OWNER = new InstanceId("outcome-benchmark");

    private static List<RunResult> claimAllDue(SqliteStore store, Clock clock, AtomicLong ids) {
        List<RunResult> finished = new ArrayList<>();
        Instant now = Instant.now(clock);
        for (List<Job> due = store.due(now, CLAIM_BATCH); !due.isEmpty(); due = store.due(now, CLAIM_BATCH)) {
            List<JobWrite> claims = new ArrayList<>();
            for (Job job : due) {
                Claim claim = Claim.of(new RunId("run-" + ids.incrementAndGet()), job.nextRunAt(), now, job.version() + 1,
                        OWNER);
                claims.add(JobWrite.save(job, job.claim(claim, now), List.of()));
            }
            Applied applied = store.apply(claims);
            for (JobWrite write : claims) {
                if (!applied.contains(write)) {
                    throw new IllegalStateException("claim lost: " + write.jobId());
                }
                Job claimed = ((JobWrite.Save) write).job();
                RunOutcome outcome = finished.size() % 10 == 9 ? RunOutcome.failed("HTTP 503: busy") : RunOutcome.ok("done");
                finished.add(new RunResult(claimed, claimed.claim(), now, 12, outcome));
            }
        }
        return finished;
    }

    private OutcomeBenchmark() {
    }
}
