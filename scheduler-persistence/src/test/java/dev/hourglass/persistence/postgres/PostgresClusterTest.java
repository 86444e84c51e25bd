package dev.hourglass.persistence.postgres;

import static dev.hourglass.domain.testing.TestJobs.T0;
import static dev.hourglass.domain.testing.TestJobs.created;
import static dev.hourglass.domain.testing.TestJobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.hourglass.domain.error.JobLimitReachedException;
import dev.hourglass.domain.model.InstanceId;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.RunId;
import dev.hourglass.domain.port.out.JobWrite;
import dev.hourglass.domain.port.out.ScheduleChanges;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two stores on one PostgreSQL database, as two instances of a cluster see it. */
class PostgresClusterTest {

    @RegisterExtension
    static final FreshPostgresDatabase postgres = new FreshPostgresDatabase();

    private PostgresStore one;
    private PostgresStore two;

    @BeforeEach
    void open() throws Exception {
        one = PostgresStore.open(options());
        two = PostgresStore.open(options());
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE jobs, job_revisions, audit_entries, runs, instances, alerts, incident_members, incidents");
        }
    }

    @AfterEach
    void close() {
        one.close();
        two.close();
    }

    private static PostgresOptions options() {
        return new PostgresOptions(postgres.jdbcUrl(), postgres.database().credentials().getProperty("user"), null, 8);
    }

    @Test
    void a_job_made_due_through_one_instance_wakes_the_other() throws Exception {
        Semaphore woken = new Semaphore(0);
        try (ScheduleChanges.Subscription subscription = two.subscribe(woken::release)) {
            assertThat(woken.tryAcquire(10, TimeUnit.SECONDS)).as("signalled once listening").isTrue();
            Job due = job("due now").nextRunAt(T0).build();
            one.insert(due, created(due), 100);

            assertThat(woken.tryAcquire(10, TimeUnit.SECONDS)).as("woken by NOTIFY").isTrue();
        }
    }

    @Test
    void a_job_due_later_than_the_poll_sends_no_signal() {
        assertThat(PostgresStore.dueSoon(job("later").nextRunAt(T0.plusSeconds(60)).build())).isFalse();
        assertThat(PostgresStore.dueSoon(job("soon").nextRunAt(T0.plusMillis(500)).build())).isTrue();
        assertThat(PostgresStore.dueSoon(job("paused").nextRunAt(T0).status(dev.hourglass.domain.model.JobStatus.PAUSED)
                .build())).isFalse();
    }

    @Test
    void the_listener_reconnects_after_the_server_restarts_and_hears_changes_again() throws Exception {
        Semaphore woken = new Semaphore(0);
        try (ScheduleChanges.Subscription subscription = two.subscribe(woken::release)) {
            assertThat(woken.tryAcquire(10, TimeUnit.SECONDS)).as("signalled once listening").isTrue();
            Job first = job("before the restart").nextRunAt(T0).build();
            one.insert(first, created(first), 100);
            assertThat(woken.tryAcquire(10, TimeUnit.SECONDS)).isTrue();

            postgres.server().restart();
            // The reconnect itself signals once (changes may have been missed): wait for it.
            assertThat(woken.tryAcquire(30, TimeUnit.SECONDS)).as("signalled on reconnect").isTrue();
            woken.drainPermits();

            Job second = job("after the restart").nextRunAt(T0).build();
            insertRetrying(second);
            assertThat(woken.tryAcquire(10, TimeUnit.SECONDS)).as("woken after the restart").isTrue();
        }
    }

    /** The pool may hand out a connection that died with the server once; the store reports it, a caller retries. */
    private void insertRetrying(Job job) {
        for (int attempt = 1; ; attempt++) {
            try {
                one.insert(job, created(job), 100);
                return;
            } catch (dev.hourglass.persistence.StoreException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    @Test
    void a_singleton_task_runs_on_one_instance_at_a_time() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        Future<Boolean> first = other.submit(() -> one.runExclusively("sweep", () -> {
            holding.countDown();
            await(release);
        }));
        await(holding);

        AtomicInteger ran = new AtomicInteger();
        assertThat(two.runExclusively("sweep", ran::incrementAndGet)).isFalse();
        assertThat(two.runExclusively("takeover", ran::incrementAndGet)).as("another task is free").isTrue();
        release.countDown();
        assertThat(first.get()).isTrue();
        assertThat(two.runExclusively("sweep", ran::incrementAndGet)).isTrue();
        assertThat(ran).hasValue(2);
        other.shutdown();
    }

    @Test
    void a_holder_that_freezes_loses_the_lock_once_its_connection_idles_past_the_limit() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch thawed = new CountDownLatch(1);
        ExecutorService frozen = Executors.newSingleThreadExecutor();
        // A task that never touches its lock's connection again stands for an instance stopped by SIGSTOP.
        Future<Boolean> first = frozen.submit(() -> one.runExclusively("takeover", () -> {
            holding.countDown();
            await(thawed);
        }));
        await(holding);
        assertThat(two.runExclusively("takeover", () -> { })).as("held while the holder is alive").isFalse();

        // The database itself waits for the lock to come free: a blocking lock on a plain session,
        // given up after 30 s, released at once so that the other instance can take it.
        try (Connection waiter = postgres.connect(); Statement wait = waiter.createStatement()) {
            wait.execute("SET statement_timeout = 30000");
            wait.execute("SELECT pg_advisory_lock(" + PostgresLocks.SINGLETONS + ", " + "takeover".hashCode() + ")");
            wait.execute("SELECT pg_advisory_unlock(" + PostgresLocks.SINGLETONS + ", " + "takeover".hashCode() + ")");
        }
        AtomicInteger ran = new AtomicInteger();
        boolean taken = two.runExclusively("takeover", ran::incrementAndGet);
        thawed.countDown();

        assertThat(taken).as("the lock is free once the frozen holder's session has ended").isTrue();

        assertThat(ran).as("another instance ran the task while the holder was frozen").hasValue(1);
        assertThat(first.get()).as("the thawed holder finishes without an error").isTrue();
        frozen.shutdown();
    }

    @Test
    void a_writer_that_freezes_inside_a_transaction_loses_its_row_locks_once_it_idles_past_the_limit() throws Exception {
        Job job = job("locked by a frozen writer").nextRunAt(T0).build();
        one.insert(job, created(job), 100);
        ExecutorService live = Executors.newSingleThreadExecutor();
        // A connection set up as the store sets up its own, left inside a transaction holding the
        // job's row lock: an instance stopped by SIGSTOP between two statements.
        try (HikariDataSource frozenPool = new HikariDataSource(PostgresStore.poolConfig(options()));
             Connection frozen = frozenPool.getConnection()) {
            frozen.setAutoCommit(false);
            try (PreparedStatement lock = frozen.prepareStatement("SELECT id FROM jobs WHERE id = ? FOR UPDATE")) {
                lock.setString(1, job.id().value());
                lock.executeQuery().close();
            }

            Future<Boolean> paused = live.submit(() -> two.apply(JobWrite.save(job, job.pause(T0), List.of())));

            assertThat(paused.get(30, TimeUnit.SECONDS)).as("the live instance's write went through").isTrue();
            assertThat(one.find(job.id()).orElseThrow().status()).isEqualTo(dev.hourglass.domain.model.JobStatus.PAUSED);
            assertThatThrownBy(() -> frozen.createStatement().execute("SELECT 1"))
                    .as("the thawed writer finds its session ended").isInstanceOf(java.sql.SQLException.class);
        } finally {
            live.shutdownNow();
        }
    }

    @Test
    void the_job_limit_holds_across_instances_inserting_at_once() throws Exception {
        int limit = 5;
        ExecutorService inserters = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            PostgresStore store = i % 2 == 0 ? one : two;
            Job candidate = job("job " + i).build();
            results.add(inserters.submit(() -> {
                go.await();
                try {
                    store.insert(candidate, created(candidate), limit);
                    return true;
                } catch (JobLimitReachedException full) {
                    return false;
                }
            }));
        }
        go.countDown();
        int inserted = 0;
        for (Future<Boolean> result : results) {
            inserted += result.get() ? 1 : 0;
        }
        inserters.shutdown();

        assertThat(inserted).isEqualTo(limit);
        assertThat(one.list(Optional.empty())).hasSize(limit);
    }

    @Test
    void instances_claiming_at_once_never_claim_a_job_twice() throws Exception {
        for (int i = 0; i < 200; i++) {
            Job due = job("due " + i).nextRunAt(T0.plusMillis(i)).build();
            one.insert(due, created(due), 1000);
        }
        Set<String> claimed = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        ExecutorService claimers = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            PostgresStore store = c % 2 == 0 ? one : two;
            InstanceId owner = new InstanceId("instance-" + c);
            done.add(claimers.submit(() -> {
                List<Job> batch;
                do {
                    batch = store.claimDue(T0.plusSeconds(1), 7, owner, () -> new RunId("run-" + runs.incrementAndGet()));
                    for (Job job : batch) {
                        if (!claimed.add(job.id().value())) {
                            duplicates.incrementAndGet();
                        }
                        assertThat(job.claim().owner()).isEqualTo(owner);
                    }
                } while (!batch.isEmpty());
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        claimers.shutdown();

        assertThat(duplicates).hasValue(0);
        assertThat(claimed).hasSize(200);
        assertThat(new HashSet<>(one.running())).hasSize(200);
    }

    @Test
    void a_second_insert_of_a_taken_name_is_a_duplicate_across_instances() {
        Job first = job("same name").build();
        one.insert(first, created(first), 100);
        Job second = job("SAME NAME").build();
        assertThatThrownBy(() -> two.insert(second, created(second), 100))
                .isInstanceOf(dev.hourglass.domain.error.DuplicateNameException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
