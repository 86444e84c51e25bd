package dev.hourglass.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.domain.model.Alert;
import dev.hourglass.domain.model.AlertKind;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.schedule.ScheduleSpec;
import dev.hourglass.domain.testing.TestScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** CONTRACT §6: alerts go to a durable outbox with the change that raised them, and out at least once. */
class AlertOutboxTest {

    private final AtomicBoolean receiverDown = new AtomicBoolean();
    private final List<Alert> attempts = new CopyOnWriteArrayList<>();
    private final TestScheduler scheduler = new TestScheduler(builder -> builder.maxConsecutiveErrors(3)
            .alerts(alert -> {
                attempts.add(alert);
                if (receiverDown.get()) {
                    throw new IllegalStateException("connection refused");
                }
            }));

    @Test
    void a_breaker_trip_writes_one_job_failed_alert() {
        Job job = trip("sync");

        assertThat(scheduler.store.alertBacklog().count()).isEqualTo(1);
        assertThat(scheduler.hourglass.deliverAlerts()).isEqualTo(1);
        assertThat(attempts).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(AlertKind.JOB_FAILED);
            assertThat(alert.subjectId()).isEqualTo(job.id().value());
            assertThat(alert.subjectName()).isEqualTo("sync");
            assertThat(alert.count()).isEqualTo(3);
            assertThat(alert.detail()).isEqualTo("HTTP 503: down");
            assertThat(alert.createdAt()).isEqualTo(scheduler.clock.instant());
        });
        assertThat(scheduler.store.alertBacklog().count()).isZero();
    }

    @Test
    void errors_below_the_limit_raise_no_alert() {
        Job job = scheduler.create("flaky", ScheduleSpec.every(3_600_000));
        scheduler.runner.failingWith("boom");
        scheduler.clock.advance(Duration.ofHours(1));
        scheduler.hourglass.runDueJobs();

        assertThat(scheduler.get(job.id()).consecutiveErrors()).isEqualTo(1);
        assertThat(scheduler.store.alertBacklog().count()).isZero();
        assertThat(scheduler.hourglass.deliverAlerts()).isZero();
    }

    @Test
    void a_failing_sender_defers_the_alert_and_a_later_delivery_sends_it() {
        trip("sync");
        receiverDown.set(true);

        assertThat(scheduler.hourglass.deliverAlerts()).isZero();
        assertThat(scheduler.store.alertBacklog().count()).as("still waiting").isEqualTo(1);
        scheduler.clock.advance(Duration.ofMillis(500));
        assertThat(scheduler.hourglass.deliverAlerts()).as("not due again yet").isZero();
        assertThat(attempts).hasSize(1);

        receiverDown.set(false);
        scheduler.clock.advance(Duration.ofMillis(500));
        assertThat(scheduler.hourglass.deliverAlerts()).isEqualTo(1);

        assertThat(attempts).hasSize(2).extracting(Alert::id).containsOnly(attempts.get(0).id());
        assertThat(scheduler.store.alertBacklog().count()).isZero();
    }

    @Test
    void each_failed_attempt_waits_longer_before_the_next() {
        trip("sync");
        receiverDown.set(true);
        scheduler.hourglass.deliverAlerts();
        scheduler.clock.advance(Duration.ofSeconds(1));
        scheduler.hourglass.deliverAlerts();

        scheduler.clock.advance(Duration.ofMillis(1_999));
        assertThat(scheduler.hourglass.deliverAlerts()).isZero();
        assertThat(attempts).as("the second pause is two seconds").hasSize(2);
        scheduler.clock.advance(Duration.ofMillis(1));
        receiverDown.set(false);
        assertThat(scheduler.hourglass.deliverAlerts()).isEqualTo(1);
    }

    @Test
    void a_restart_delivers_an_alert_the_first_instance_never_sent() {
        trip("sync");
        receiverDown.set(true);
        scheduler.hourglass.deliverAlerts();
        String id = attempts.get(0).id();

        TestScheduler restarted = scheduler.restarted();
        scheduler.clock.advance(Duration.ofSeconds(1));
        assertThat(restarted.hourglass.deliverAlerts()).isEqualTo(1);

        assertThat(restarted.alerts).extracting(Alert::id).containsExactly(id);
        assertThat(scheduler.store.alertBacklog().count()).isZero();
    }

    @Test
    void each_alert_is_delivered_exactly_once_when_the_sender_succeeds() {
        trip("first");
        trip("second");

        for (int i = 0; i < 3; i++) {
            scheduler.hourglass.deliverAlerts();
            scheduler.clock.advance(Duration.ofMinutes(10));
        }
        scheduler.restarted().hourglass.deliverAlerts();

        assertThat(attempts).hasSize(2);
        assertThat(attempts).extracting(Alert::id).doesNotHaveDuplicates();
        assertThat(attempts).extracting(Alert::subjectName).containsExactlyInAnyOrder("first", "second");
    }

    /** A job that fails three times in a row, tripping the breaker (the limit is 3 here). */
    private Job trip(String name) {
        Job job = scheduler.create(name, ScheduleSpec.every(3_600_000));
        scheduler.runner.failingWith("HTTP 503: down");
        for (int run = 0; run < 3; run++) {
            scheduler.api.runNow().runNow(new dev.hourglass.domain.port.in.RunJobNowCommand(job.id(), "user"));
        }
        assertThat(scheduler.get(job.id()).status()).isEqualTo(dev.hourglass.domain.model.JobStatus.FAILED);
        return job;
    }
}
