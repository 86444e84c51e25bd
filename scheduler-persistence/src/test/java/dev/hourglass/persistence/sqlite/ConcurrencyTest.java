package dev.hourglass.persistence.sqlite;

import dev.hourglass.persistence.*;
import dev.hourglass.persistence.jdbc.*;

import static dev.hourglass.domain.testing.TestJobs.T0;
import static dev.hourglass.domain.testing.TestJobs.created;
import static dev.hourglass.domain.testing.TestJobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Claim;
import dev.hourglass.domain.model.InstanceId;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.model.LastRun;
import dev.hourglass.domain.model.RunId;
import dev.hourglass.domain.model.RunRecord;
import dev.hourglass.domain.model.RunStatus;
import dev.hourglass.domain.port.out.JobWrite;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight threads, on two stores over one file (as two processes would be), race version-checked
 * transitions on the same few jobs. Every applied change writes one audit entry naming the version
 * it produced, so the trail must account for every version of every job.
 */
class ConcurrencyTest {

    private static final int THREADS = 8;
    private static final Duration RUN_FOR = Duration.ofMillis(2500);

    @TempDir
    Path dir;

    private final AtomicLong ids = new AtomicLong();

    @Test
    void racing_transitions_lose_no_update_and_no_exception_escapes() throws Exception {
        Path file = dir.resolve("hourglass.db");
        try (SqliteStore one = SqliteStore.open(file); SqliteStore two = SqliteStore.open(file)) {
            List<Job> jobs = List.of(job("alpha").build(), job("beta").build(), job("gamma").build());
            for (Job job : jobs) {
                one.insert(job, created(job), 10);
            }
            List<Throwable> escaped = Collections.synchronizedList(new ArrayList<>());
            ConcurrentHashMap<String, AtomicLong> applied = new ConcurrentHashMap<>();
            CountDownLatch start = new CountDownLatch(1);
            long deadline = System.nanoTime() + RUN_FOR.toNanos();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                SqliteStore store = t % 2 == 0 ? one : two;
                workers.add(pool.submit(() -> {
                    try {
                        start.await();
                        while (System.nanoTime() < deadline) {
                            Job target = jobs.get(ThreadLocalRandom.current().nextInt(jobs.size()));
                            if (step(store, target)) {
                                applied.computeIfAbsent(target.id().value(), id -> new AtomicLong()).incrementAndGet();
                            }
                        }
                    } catch (Throwable e) {
                        escaped.add(e);
                    }
                    return null;
                }));
            }
            start.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
            for (Future<?> worker : workers) {
                worker.get();
            }

            assertThat(escaped).isEmpty();
            for (Job job : jobs) {
                Job stored = one.find(job.id()).orElseThrow();
                long changes = applied.getOrDefault(job.id().value(), new AtomicLong()).get();
                assertThat(changes).as("changes applied to %s", job.name()).isPositive();
                assertThat(stored.version()).as("version of %s", job.name()).isEqualTo(1 + changes);
                assertTrailExplains(two.entriesFor(job.id(), Integer.MAX_VALUE), stored);
                assertThat(two.runsOf(job.id(), 1000)).hasSizeLessThanOrEqualTo(100);
            }
        }
    }

    /** One transition chosen by the job's state: pause, resume, claim, or record the claimed run. */
    private boolean step(SqliteStore store, Job target) {
        Optional<Job> read = store.find(target.id());
        if (read.isEmpty()) {
            throw new AssertionError("job vanished: " + target.id());
        }
        Job job = read.get();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Instant now = T0.plusMillis(job.version());
        if (random.nextInt(4) == 0) {
            store.list(Optional.empty());
            store.due(now, 10);
        }
        Job after;
        AuditAction action;
        RunRecord run = null;
        if (job.isRunning()) {
            action = AuditAction.RUN;
            run = new RunRecord(job.claim().runId(), job.id(), job.claim().plannedAt(), job.claim().claimedAt(), 1,
                    RunStatus.OK, null, null, job.claim().owner());
            after = job.recordRun(new LastRun(job.claim().claimedAt(), RunStatus.OK, 1, null), true, now);
        } else if (job.status() == JobStatus.PAUSED) {
            action = AuditAction.RESUME;
            after = job.activate(now);
        } else if (random.nextBoolean()) {
            action = AuditAction.PAUSE;
            after = job.pause(now);
        } else {
            action = AuditAction.CREATE;
            Claim claim = Claim.of(new RunId("run-" + ids.incrementAndGet()), job.nextRunAt(), now, job.version() + 1,
                    new InstanceId("concurrency-test"));
            after = job.claim(claim, now);
        }
        AuditEntry entry = new AuditEntry("entry-" + ids.incrementAndGet(), job.id(), job.name(), action, job.status(),
                after.status(), Thread.currentThread().getName(), "v" + (job.version() + 1), now);
        return store.apply(JobWrite.save(job, after, List.of(entry), run));
    }

    /** Newest first, the entries name versions final, final-1, ..., 2, and each starts from the status the previous one left. */
    private static void assertTrailExplains(List<AuditEntry> newestFirst, Job stored) {
        List<AuditEntry> changes = newestFirst.subList(0, newestFirst.size() - 1);
        assertThat(newestFirst.get(newestFirst.size() - 1).action()).isEqualTo(AuditAction.CREATE);
        assertThat(changes).hasSize((int) stored.version() - 1);
        for (int i = 0; i < changes.size(); i++) {
            assertThat(changes.get(i).detail()).isEqualTo("v" + (stored.version() - i));
        }
        assertThat(changes.get(0).newStatus()).isEqualTo(stored.status());
        for (int i = 0; i + 1 < newestFirst.size(); i++) {
            assertThat(newestFirst.get(i).previousStatus()).isEqualTo(newestFirst.get(i + 1).newStatus());
        }
    }
}
