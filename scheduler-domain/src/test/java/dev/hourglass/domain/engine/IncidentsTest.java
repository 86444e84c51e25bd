package dev.hourglass.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.domain.model.Alert;
import dev.hourglass.domain.model.AlertKind;
import dev.hourglass.domain.model.Incident;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.port.in.DeleteJobCommand;
import dev.hourglass.domain.port.in.IncidentView;
import dev.hourglass.domain.port.in.PauseJobCommand;
import dev.hourglass.domain.port.in.ResumeJobCommand;
import dev.hourglass.domain.port.in.RunJobNowCommand;
import dev.hourglass.domain.port.out.RunOutcome;
import dev.hourglass.domain.schedule.ScheduleSpec;
import dev.hourglass.domain.testing.TestScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * CONTRACT §11.3 through the engine, on a manual clock: jobs whose last run failed with one error
 * signature make one incident, opened with one alert before any breaker trips, resolved with one
 * alert when fewer than two are left failing.
 */
class IncidentsTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final TestScheduler scheduler = new TestScheduler();
    /** Jobs whose target is broken; the others succeed. */
    private final Set<String> broken = ConcurrentHashMap.newKeySet();

    IncidentsTest() {
        scheduler.runner.answering(request -> broken.contains(request.jobName())
                ? RunOutcome.failed("HTTP 500: order " + Math.abs(request.runId().value().hashCode() % 100_000)
                        + " of \"" + request.jobName() + "\" rejected (request " + java.util.UUID.nameUUIDFromBytes(
                                request.runId().value().getBytes()) + ")")
                : RunOutcome.ok("fine"));
    }

    @Test
    void an_incident_opens_at_the_third_job_failing_alike_with_one_alert_and_no_breaker_tripped() {
        List<Job> jobs = fleet("sync", 8);
        jobs.forEach(job -> broken.add(job.name()));

        runNow(jobs.get(0));
        runNow(jobs.get(1));
        assertThat(openIncidents()).as("two failing alike are no incident yet").isEmpty();
        Instant third = scheduler.clock.instant().plusSeconds(1);
        runNow(jobs.get(2));

        assertThat(openIncidents()).singleElement().satisfies(view -> {
            Incident incident = view.incident();
            assertThat(incident.signature()).isEqualTo("HTTP <n>: order <n> of <str> rejected (request <uuid>)");
            assertThat(incident.example()).startsWith("HTTP 500: order ").contains("\"sync-3\"");
            assertThat(incident.firstSeenAt()).isEqualTo(third);
            assertThat(view.jobs()).extracting(Job::name).containsExactlyInAnyOrder("sync-1", "sync-2", "sync-3");
        });
        assertThat(jobs).allSatisfy(job -> assertThat(scheduler.get(job.id()).status()).isEqualTo(JobStatus.ACTIVE));
        assertThat(deliveredAlerts()).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(AlertKind.INCIDENT_OPEN);
            assertThat(alert.count()).isEqualTo(3);
            assertThat(alert.detail()).isEqualTo(openIncidents().get(0).incident().signature());
            assertThat(alert.subjectId()).isEqualTo(openIncidents().get(0).incident().id());
        });

        jobs.subList(3, 8).forEach(this::runNow);

        assertThat(openIncidents()).singleElement().satisfies(view -> {
            assertThat(view.jobs()).hasSize(8);
            assertThat(view.incident().lastSeenAt()).isEqualTo(scheduler.clock.instant());
            assertThat(view.incident().firstSeenAt()).isEqualTo(third);
        });
        assertThat(deliveredAlerts()).as("one alert per incident, never one per job").isEmpty();
        assertThat(scheduler.api.summarize().summarize().openIncidents()).isEqualTo(1);
    }

    @Test
    void eight_failures_committed_in_one_group_open_one_incident() {
        List<Job> jobs = fleet("report", 8);
        jobs.forEach(job -> broken.add(job.name()));

        scheduler.clock.advance(MINUTE);
        assertThat(scheduler.hourglass.runDueJobs()).isEqualTo(8);

        assertThat(openIncidents()).singleElement()
                .satisfies(view -> assertThat(view.jobs()).hasSize(8));
        assertThat(deliveredAlerts()).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(AlertKind.INCIDENT_OPEN);
            assertThat(alert.count()).isEqualTo(8);
        });
    }

    @Test
    void it_resolves_with_one_alert_when_fewer_than_two_are_left_failing_and_a_new_wave_opens_a_new_one() {
        List<Job> jobs = fleet("sync", 5);
        jobs.forEach(job -> broken.add(job.name()));
        jobs.forEach(this::runNow);
        String first = openIncidents().get(0).incident().id();
        deliveredAlerts();

        broken.clear();
        jobs.subList(0, 3).forEach(this::runNow);
        assertThat(openIncidents()).as("two still fail alike").hasSize(1);
        assertThat(openIncidents().get(0).jobs()).extracting(Job::name).containsExactlyInAnyOrder("sync-4", "sync-5");
        runNow(jobs.get(3));

        assertThat(openIncidents()).isEmpty();
        List<IncidentView> all = scheduler.api.incidents().incidents(false);
        assertThat(all).singleElement().satisfies(view -> {
            assertThat(view.incident().open()).isFalse();
            assertThat(view.incident().resolvedAt()).isEqualTo(scheduler.clock.instant());
            assertThat(view.jobs()).isEmpty();
        });
        assertThat(deliveredAlerts()).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(AlertKind.INCIDENT_RESOLVED);
            assertThat(alert.subjectId()).isEqualTo(first);
            assertThat(alert.count()).isEqualTo(1);
        });
        runNow(jobs.get(4));
        assertThat(deliveredAlerts()).as("resolved once").isEmpty();

        jobs.subList(0, 3).forEach(job -> broken.add(job.name()));
        jobs.subList(0, 3).forEach(this::runNow);

        assertThat(openIncidents()).singleElement()
                .satisfies(view -> assertThat(view.incident().id()).isNotEqualTo(first));
        assertThat(scheduler.api.incidents().incidents(false)).hasSize(2).first()
                .satisfies(view -> assertThat(view.incident().open()).isTrue());
        assertThat(deliveredAlerts()).extracting(Alert::kind).containsExactly(AlertKind.INCIDENT_OPEN);
    }

    @Test
    void deleted_and_paused_jobs_leave_the_incident_and_it_resolves() {
        List<Job> jobs = fleet("sync", 3);
        jobs.forEach(job -> broken.add(job.name()));
        jobs.forEach(this::runNow);
        deliveredAlerts();

        scheduler.api.delete().delete(new DeleteJobCommand(jobs.get(0).id(), "user"));
        assertThat(openIncidents()).hasSize(1);
        scheduler.api.pause().pause(new PauseJobCommand(jobs.get(1).id(), "looking into it", "user"));

        assertThat(openIncidents()).isEmpty();
        assertThat(deliveredAlerts()).extracting(Alert::kind).containsExactly(AlertKind.INCIDENT_RESOLVED);
    }

    @Test
    void a_revived_job_still_counts_until_its_next_run_succeeds() {
        TestScheduler tripping = new TestScheduler(builder -> builder.maxConsecutiveErrors(1));
        tripping.runner.failingWith("connection refused: db-7:5432");
        List<Job> jobs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            jobs.add(tripping.create("etl-" + i, ScheduleSpec.every(3_600_000)));
        }
        jobs.forEach(job -> tripping.api.runNow().runNow(new RunJobNowCommand(job.id(), "user")));
        assertThat(tripping.get(jobs.get(0).id()).status()).isEqualTo(JobStatus.FAILED);
        assertThat(tripping.api.incidents().incidents(true)).hasSize(1);

        jobs.forEach(job -> tripping.api.resume().resume(new ResumeJobCommand(job.id(), true, "db is back", "user")));
        assertThat(tripping.api.incidents().incidents(true)).as("revived, not yet succeeded").hasSize(1);

        tripping.runner.succeeding();
        jobs.subList(0, 2).forEach(job -> tripping.api.runNow().runNow(new RunJobNowCommand(job.id(), "user")));
        assertThat(tripping.api.incidents().incidents(true)).isEmpty();
    }

    @Test
    void failures_with_different_causes_make_no_incident_together() {
        List<Job> jobs = fleet("mixed", 4);
        scheduler.runner.answering(request -> RunOutcome.failed(request.jobName().endsWith("1") ? "disk full"
                : request.jobName().endsWith("2") ? "HTTP 404: no such page" : "timeout after 30 s"));

        jobs.forEach(this::runNow);

        assertThat(openIncidents()).isEmpty();
        assertThat(scheduler.store.alertBacklog().count()).isZero();
    }

    @Test
    void a_storm_on_a_dependency_is_the_dependency_s_and_opens_no_incident() {
        List<Job> jobs = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            jobs.add(scheduler.api.create().create(new dev.hourglass.domain.port.in.CreateJobCommand("model-" + i,
                    null, true, ScheduleSpec.every(60_000), "t", false, "user", null, "model-provider", null)));
        }
        scheduler.runner.answering(request -> RunOutcome.unavailable("HTTP 429: slow down", Duration.ofSeconds(30)));

        scheduler.clock.advance(MINUTE);
        scheduler.hourglass.runDueJobs();

        assertThat(scheduler.store.dependency("model-provider")).isPresent();
        assertThat(deliveredAlerts()).extracting(Alert::kind).containsExactly(AlertKind.DEPENDENCY_OPEN);
        assertThat(scheduler.api.incidents().incidents(false)).isEmpty();
    }

    @Test
    void the_threshold_is_the_builders() {
        TestScheduler strict = new TestScheduler(builder -> builder.incidentThreshold(5));
        strict.runner.failingWith("boom 1");
        for (int i = 1; i <= 4; i++) {
            Job job = strict.create("j-" + i, ScheduleSpec.every(3_600_000));
            strict.api.runNow().runNow(new RunJobNowCommand(job.id(), "user"));
        }
        assertThat(strict.api.incidents().incidents(true)).isEmpty();

        Job fifth = strict.create("j-5", ScheduleSpec.every(3_600_000));
        strict.api.runNow().runNow(new RunJobNowCommand(fifth.id(), "user"));

        assertThat(strict.api.incidents().incidents(true)).hasSize(1);
    }

    // ---- helpers

    private List<Job> fleet(String prefix, int size) {
        List<Job> jobs = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            jobs.add(scheduler.create(prefix + "-" + i, ScheduleSpec.every(60_000)));
        }
        return jobs;
    }

    private void runNow(Job job) {
        scheduler.clock.advance(Duration.ofSeconds(1));
        scheduler.api.runNow().runNow(new RunJobNowCommand(job.id(), "user"));
    }

    private List<IncidentView> openIncidents() {
        return scheduler.api.incidents().incidents(true);
    }

    /** The alerts delivered since the last call. */
    private List<Alert> deliveredAlerts() {
        scheduler.hourglass.deliverAlerts();
        List<Alert> delivered = List.copyOf(scheduler.alerts);
        scheduler.alerts.clear();
        return delivered;
    }
}
