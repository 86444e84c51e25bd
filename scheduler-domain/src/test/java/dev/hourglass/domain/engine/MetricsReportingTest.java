package dev.hourglass.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.domain.model.Claim;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.model.RunId;
import dev.hourglass.domain.model.RunStatus;
import dev.hourglass.domain.port.in.PauseJobCommand;
import dev.hourglass.domain.port.in.RunJobNowCommand;
import dev.hourglass.domain.port.out.JobWrite;
import dev.hourglass.domain.port.out.RunOutcome;
import dev.hourglass.domain.schedule.ScheduleSpec;
import dev.hourglass.domain.testing.RecordingMetrics;
import dev.hourglass.domain.testing.TestScheduler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the engine reports through the {@code Metrics} port, driven by a manual clock. */
class MetricsReportingTest {

    private final RecordingMetrics metrics = new RecordingMetrics();
    private final TestScheduler scheduler = new TestScheduler(builder -> builder.metrics(metrics)
            .maxConsecutiveErrors(2));

    @Test
    void a_scheduled_run_reports_its_fire_lag_its_outcome_and_a_busy_worker_while_it_runs() {
        scheduler.runner.answering(request -> {
            assertThat(metrics.busy).as("busy while the task runs").hasValue(1);
            scheduler.clock.advance(Duration.ofMillis(40));
            return RunOutcome.ok("fine");
        });
        scheduler.create("tick", ScheduleSpec.every(10_000));
        scheduler.clock.advance(Duration.ofMillis(10_250));

        scheduler.hourglass.runDueJobs();

        assertThat(metrics.starts).containsExactly(Duration.ofMillis(250));
        assertThat(metrics.runs).containsExactly(new RecordingMetrics.Recorded(RunStatus.OK, Duration.ofMillis(40)));
        assertThat(metrics.busy).hasValue(0);
        assertThat(metrics.commits).containsExactly(1);
        assertThat(metrics.trips).hasValue(0);
    }

    @Test
    void a_manual_run_has_no_fire_lag() {
        Job job = scheduler.create("by-hand", ScheduleSpec.every(60_000));

        scheduler.api.runNow().runNow(new RunJobNowCommand(job.id(), "user"));

        assertThat(metrics.starts).containsExactly((Duration) null);
        assertThat(metrics.statuses()).containsExactly(RunStatus.OK);
    }

    @Test
    void errors_are_counted_and_the_breaker_trip_is_reported_once() {
        scheduler.runner.failingWith("HTTP 500: down");
        Job job = scheduler.create("flaky", ScheduleSpec.every(10_000));
        scheduler.clock.advance(Duration.ofSeconds(10));
        scheduler.hourglass.runDueJobs();
        scheduler.clock.advance(Duration.ofSeconds(30));
        scheduler.hourglass.runDueJobs();

        assertThat(scheduler.get(job.id()).status()).isEqualTo(JobStatus.FAILED);
        assertThat(metrics.statuses()).containsExactly(RunStatus.ERROR, RunStatus.ERROR);
        assertThat(metrics.trips).hasValue(1);

        assertThat(scheduler.hourglass.deliverAlerts()).isEqualTo(1);
        assertThat(metrics.delivered).hasValue(1);
    }

    @Test
    void a_run_taken_over_from_a_dead_instance_counts_as_interrupted() {
        Job job = scheduler.create("tick", ScheduleSpec.every(10_000));
        scheduler.clock.advance(Duration.ofSeconds(10));
        Claim claim = Claim.of(new RunId("lost"), job.nextRunAt(), scheduler.clock.instant(), job.version() + 1,
                scheduler.hourglass.instanceId());
        assertThat(scheduler.store.apply(JobWrite.save(job, job.claim(claim, scheduler.clock.instant()), List.of())))
                .isTrue();

        RecordingMetrics after = new RecordingMetrics();
        TestScheduler restarted = scheduler.restarted(builder -> builder.metrics(after));
        restarted.hourglass.recover();
        restarted.hourglass.runDueJobs();

        assertThat(after.statuses()).containsExactly(RunStatus.INTERRUPTED, RunStatus.OK);
    }

    @Test
    void the_gauges_read_the_store_when_asked() {
        scheduler.create("one", ScheduleSpec.every(10_000));
        Job two = scheduler.create("two", ScheduleSpec.every(10_000));
        scheduler.api.pause().pause(new PauseJobCommand(two.id(), null, "user"));

        assertThat(metrics.readings.jobsByStatus()).isEqualTo(Map.of(
                JobStatus.ACTIVE, 1, JobStatus.PAUSED, 1, JobStatus.FAILED, 0, JobStatus.COMPLETED, 0));
        assertThat(metrics.readings.alertsPending()).isZero();
        assertThat(metrics.readings.dependenciesByState()).containsEntry("open", 0);
        assertThat(metrics.readings.incidentsOpen()).isZero();
    }
}
