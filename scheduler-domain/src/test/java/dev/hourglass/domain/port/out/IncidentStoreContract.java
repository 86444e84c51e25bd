package dev.hourglass.domain.port.out;

import static dev.hourglass.domain.testing.TestJobs.T0;
import static dev.hourglass.domain.testing.TestJobs.created;
import static dev.hourglass.domain.testing.TestJobs.entry;
import static dev.hourglass.domain.testing.TestJobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.domain.model.Alert;
import dev.hourglass.domain.model.AlertKind;
import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.Dependency;
import dev.hourglass.domain.model.Incident;
import dev.hourglass.domain.model.IncidentRule;
import dev.hourglass.domain.model.InstanceId;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.LastRun;
import dev.hourglass.domain.model.RunId;
import dev.hourglass.domain.model.RunRecord;
import dev.hourglass.domain.model.RunStatus;
import dev.hourglass.domain.policy.BreakerSettings;
import dev.hourglass.domain.policy.OutcomePolicy;
import dev.hourglass.domain.testing.TestJobs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The incident promises of the store ports ({@link Incidents} with {@link JobStore#apply}): run
 * against the in-memory fake and both real stores. Writes are built here as the engine builds them,
 * and the store keeps which signature each job fails with, opens and resolves incidents, and writes
 * their alerts in the same transaction, also when writers race.
 *
 * @param <S> the store under test
 */
public abstract class IncidentStoreContract<S extends SchedulerStore> {

    private static final String ERROR = "HTTP 500: order 4711 rejected";
    private static final String SIGNATURE = "HTTP <n>: order <n> rejected";

    protected S store;
    private final AtomicInteger runs = new AtomicInteger();

    /** A fresh, empty store; called before every test. Closed afterwards when it is {@link AutoCloseable}. */
    protected abstract S createStore() throws Exception;

    /**
     * Another store on the same data, as a second instance would open it; by default the same
     * store (a store that one process owns). Closed by the caller when it is not {@link #store}.
     */
    protected SchedulerStore secondStore() throws Exception {
        return store;
    }

    /** The same data after the store is closed and opened again (closing {@link #store} is up to it). */
    protected abstract S reopened() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = createStore();
    }

    @AfterEach
    void closeStore() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Test
    void the_third_job_failing_alike_opens_one_incident_with_its_alert_in_the_same_write() {
        List<Job> jobs = insert("sync", 4);

        fail(jobs.get(0), "HTTP 500: order 1 rejected", T0.plusSeconds(1));
        fail(jobs.get(1), "HTTP 500: order 22 rejected", T0.plusSeconds(2));
        assertThat(store.incidents(false)).isEmpty();
        assertThat(store.openIncidents()).isZero();
        fail(jobs.get(2), "HTTP 500: order 333 rejected", T0.plusSeconds(3));

        assertThat(store.incidents(true)).singleElement().satisfies(incident -> {
            assertThat(incident.signature()).isEqualTo(SIGNATURE);
            assertThat(incident.example()).isEqualTo("HTTP 500: order 333 rejected");
            assertThat(incident.open()).isTrue();
            assertThat(incident.firstSeenAt()).isEqualTo(T0.plusSeconds(3));
            assertThat(incident.lastSeenAt()).isEqualTo(T0.plusSeconds(3));
            assertThat(incident.resolvedAt()).isNull();
            assertThat(store.incident(incident.id())).contains(incident);
        });
        assertThat(store.openIncidents()).isEqualTo(1);
        assertThat(store.failingWith(SIGNATURE)).containsExactlyInAnyOrderElementsOf(ids(jobs.subList(0, 3)));
        Incident open = store.incidents(true).get(0);
        assertThat(incidentAlerts()).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(AlertKind.INCIDENT_OPEN);
            assertThat(alert.subjectId()).isEqualTo(open.id());
            assertThat(alert.count()).isEqualTo(3);
            assertThat(alert.detail()).isEqualTo(SIGNATURE);
            assertThat(alert.createdAt()).isEqualTo(T0.plusSeconds(3));
        });

        fail(jobs.get(3), ERROR, T0.plusSeconds(4));

        assertThat(store.incidents(false)).singleElement()
                .satisfies(incident -> assertThat(incident.lastSeenAt()).isEqualTo(T0.plusSeconds(4)));
        assertThat(incidentAlerts()).as("still one alert").hasSize(1);
    }

    @Test
    void failures_committed_in_one_group_open_one_incident() {
        List<Job> jobs = insert("group", 5);

        Applied applied = store.apply(jobs.stream().map(job -> failing(job, ERROR, T0.plusSeconds(1))).toList());

        assertThat(applied.count()).isEqualTo(5);
        assertThat(store.incidents(false)).hasSize(1);
        assertThat(incidentAlerts()).singleElement().satisfies(alert -> assertThat(alert.count()).isEqualTo(5));
    }

    @Test
    void jobs_leave_by_success_pause_or_deletion_and_below_two_it_resolves_with_one_alert() {
        List<Job> jobs = insert("sync", 4);
        jobs.forEach(job -> fail(job, ERROR, T0.plusSeconds(1)));
        String id = store.incidents(true).get(0).id();

        succeed(current(jobs.get(0)), T0.plusSeconds(2));
        Job paused = current(jobs.get(1));
        assertThat(store.apply(JobWrite.save(paused, paused.pause(T0.plusSeconds(3)), List.of()))).isTrue();
        assertThat(store.incidents(true)).as("two left").hasSize(1);
        Job removed = current(jobs.get(2));
        assertThat(store.apply(JobWrite.remove(removed, List.of(entry(removed, AuditAction.DELETE, removed.status(),
                null, T0.plusSeconds(4)))))).isTrue();

        assertThat(store.incidents(true)).isEmpty();
        assertThat(store.incident(id)).hasValueSatisfying(incident -> {
            assertThat(incident.open()).isFalse();
            assertThat(incident.resolvedAt()).isEqualTo(T0.plusSeconds(4));
        });
        assertThat(store.failingWith(SIGNATURE)).containsExactly(jobs.get(3).id());
        assertThat(incidentAlerts()).extracting(Alert::kind)
                .containsExactly(AlertKind.INCIDENT_OPEN, AlertKind.INCIDENT_RESOLVED);
        assertThat(incidentAlerts().get(1).subjectId()).isEqualTo(id);

        fail(current(jobs.get(0)), ERROR, T0.plusSeconds(5));
        assertThat(store.incidents(true)).as("two again are no new incident").isEmpty();
        Job back = current(jobs.get(1));
        store.apply(JobWrite.save(back, back.activate(T0.plusSeconds(6)), List.of()));
        assertThat(store.incidents(true)).as("a resumed job whose last run failed counts again").singleElement()
                .satisfies(incident -> {
                    assertThat(incident.id()).isNotEqualTo(id);
                    assertThat(incident.example()).isEqualTo(ERROR);
                    assertThat(incident.firstSeenAt()).isEqualTo(T0.plusSeconds(6));
                });
        assertThat(store.incidents(false)).hasSize(2).first().satisfies(incident -> assertThat(incident.open()).isTrue());
    }

    @Test
    void a_failed_job_counts_and_an_interrupted_run_or_a_claim_changes_nothing() {
        List<Job> jobs = insert("etl", 3);
        jobs.forEach(job -> fail(job, ERROR, T0.plusSeconds(1)));
        Job tripped = current(jobs.get(0));
        store.apply(JobWrite.save(tripped, tripped.tripBreaker(10, T0.plusSeconds(2)), List.of()));
        int alerts = store.alertBacklog().count();

        Job taken = current(jobs.get(1));
        Job claimed = taken.claim(TestJobs.claim(taken.nextRunAt(), T0.plusSeconds(3), taken.version() + 1), T0.plusSeconds(3));
        assertThat(store.apply(JobWrite.save(taken, claimed, List.of()))).isTrue();
        Job stored = current(jobs.get(1));
        JobWrite.Save takeover = new OutcomePolicy(BreakerSettings.DEFAULT, () -> TestJobs.nextId("t"))
                .takeOver(stored, new InstanceId("another"), T0.plusSeconds(20));
        assertThat(store.apply(takeover)).isTrue();

        assertThat(current(jobs.get(1)).lastRun().status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(store.failingWith(SIGNATURE)).containsExactlyInAnyOrderElementsOf(ids(jobs));
        assertThat(store.incidents(true)).singleElement()
                .satisfies(incident -> assertThat(incident.lastSeenAt()).isEqualTo(T0.plusSeconds(1)));
        assertThat(store.alertBacklog().count()).isEqualTo(alerts);
    }

    @Test
    void failures_stored_with_a_dependency_change_are_the_dependency_s_and_make_no_incident() {
        List<Job> jobs = insert("provider", 3);

        for (Job job : jobs) {
            assertThat(store.apply(DependencyChange.guarded(Dependency.closed("provider"),
                    List.of(failing(current(job), "HTTP 429: slow down", T0.plusSeconds(1)))))).isTrue();
        }

        assertThat(store.failingWith("HTTP <n>: slow down")).isEmpty();
        assertThat(store.incidents(false)).isEmpty();
        jobs.forEach(job -> fail(job, ERROR, T0.plusSeconds(2)));
        assertThat(store.incidents(true)).as("their ordinary failures count").hasSize(1);
    }

    @Test
    void the_rule_given_sets_the_threshold() {
        store.keepIncidentsBy(new IncidentRule(4));
        List<Job> jobs = insert("strict", 4);

        jobs.subList(0, 3).forEach(job -> fail(job, ERROR, T0.plusSeconds(1)));
        assertThat(store.incidents(true)).isEmpty();
        fail(jobs.get(3), ERROR, T0.plusSeconds(2));

        assertThat(store.incidents(true)).hasSize(1);
    }

    @Test
    void incidents_survive_a_restart() throws Exception {
        List<Job> jobs = insert("durable", 3);
        jobs.forEach(job -> fail(job, ERROR, T0.plusSeconds(1)));
        Incident open = store.incidents(true).get(0);

        store = reopened();

        assertThat(store.incidents(true)).containsExactly(open);
        assertThat(store.failingWith(SIGNATURE)).hasSize(3);
        succeed(current(jobs.get(0)), T0.plusSeconds(2));
        succeed(current(jobs.get(1)), T0.plusSeconds(3));
        assertThat(store.incidents(true)).isEmpty();
    }

    /**
     * Writers racing (threads on one store, or two stores on one database, as two instances): each of
     * six jobs fails in its own transaction at the same moment, then each succeeds. Exactly one
     * incident opens and exactly one resolution follows, whatever the interleaving.
     */
    @RepeatedTest(5)
    void racing_writers_open_one_incident_and_resolve_it_once() throws Exception {
        List<Job> jobs = insert("race", 6);
        SchedulerStore second = secondStore();
        try {
            race(jobs, (job, i) -> (i % 2 == 0 ? store : second).apply(failing(job, ERROR, T0.plusSeconds(1))));

            assertThat(store.incidents(false)).as("one incident, never two").hasSize(1);
            assertThat(store.failingWith(SIGNATURE)).hasSize(6);

            race(jobs, (job, i) -> {
                Job now = current(job);
                return (i % 2 == 0 ? store : second).apply(succeeding(now, T0.plusSeconds(2)));
            });

            assertThat(store.failingWith(SIGNATURE)).isEmpty();
            assertThat(store.incidents(true)).as("the resolution is not lost").isEmpty();
            assertThat(incidentAlerts()).extracting(Alert::kind)
                    .containsExactly(AlertKind.INCIDENT_OPEN, AlertKind.INCIDENT_RESOLVED);
        } finally {
            if (second != store && second instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    // ---- helpers

    @FunctionalInterface
    private interface RacingWrite {
        boolean apply(Job job, int index) throws Exception;
    }

    private void race(List<Job> jobs, RacingWrite write) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(jobs.size());
        CyclicBarrier start = new CyclicBarrier(jobs.size());
        try {
            List<Future<Boolean>> done = new ArrayList<>();
            for (int i = 0; i < jobs.size(); i++) {
                int index = i;
                Job job = jobs.get(i);
                done.add(threads.submit((Callable<Boolean>) () -> {
                    start.await(10, TimeUnit.SECONDS);
                    return write.apply(job, index);
                }));
            }
            for (Future<Boolean> each : done) {
                assertThat(each.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private List<Job> insert(String prefix, int count) {
        List<Job> jobs = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Job job = job(prefix + "-" + i + "-" + TestJobs.nextId("n")).build();
            store.insert(job, created(job), 1000);
            jobs.add(job);
        }
        return jobs;
    }

    private Job current(Job job) {
        return store.find(job.id()).orElseThrow();
    }

    private void fail(Job job, String error, Instant at) {
        assertThat(store.apply(failing(current(job), error, at))).isTrue();
    }

    private void succeed(Job job, Instant at) {
        assertThat(store.apply(succeeding(job, at))).isTrue();
    }

    /** A run of {@code job} that failed with {@code error} at {@code at}, recorded as the engine does. */
    private JobWrite.Save failing(Job job, String error, Instant at) {
        RunRecord run = new RunRecord(new RunId("run-" + runs.incrementAndGet()), job.id(), at, at, 5,
                RunStatus.ERROR, error, null, TestJobs.OWNER);
        Job recorded = job.recordRun(new LastRun(at, RunStatus.ERROR, 5, error), true, at)
                .retryAt(at.plusSeconds(30), job.consecutiveErrors() + 1, at);
        return JobWrite.save(job, recorded, List.of(), run);
    }

    private JobWrite.Save succeeding(Job job, Instant at) {
        RunRecord run = new RunRecord(new RunId("run-" + runs.incrementAndGet()), job.id(), at, at, 5,
                RunStatus.OK, null, "fine", TestJobs.OWNER);
        Job recorded = job.recordRun(new LastRun(at, RunStatus.OK, 5, null), true, at)
                .continueAt(at.plusSeconds(60), at);
        return JobWrite.save(job, recorded, List.of(), run);
    }

    /** The incident alerts in the outbox, oldest first. */
    private List<Alert> incidentAlerts() {
        return store.alertsDue(T0.plusSeconds(3600), 1000).stream()
                .filter(alert -> alert.kind() == AlertKind.INCIDENT_OPEN || alert.kind() == AlertKind.INCIDENT_RESOLVED)
                .toList();
    }

    private static List<dev.hourglass.domain.model.JobId> ids(List<Job> jobs) {
        return jobs.stream().map(Job::id).toList();
    }
}
