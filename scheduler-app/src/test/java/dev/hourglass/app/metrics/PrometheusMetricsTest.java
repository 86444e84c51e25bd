package dev.hourglass.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hourglass.domain.Hourglass;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.port.in.CreateJobCommand;
import dev.hourglass.domain.port.in.RunJobNowCommand;
import dev.hourglass.domain.port.out.RunOutcome;
import dev.hourglass.domain.schedule.ScheduleSpec;
import dev.hourglass.domain.testing.InMemoryStore;
import dev.hourglass.domain.testing.ManualClock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Known activity on a manual clock (two good runs and one by hand, two failures that trip a
 * breaker), then a scrape read by a strict parser: every series says exactly what happened.
 */
class PrometheusMetricsTest {

    private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    private final PrometheusMetrics metrics = new PrometheusMetrics();
    private Hourglass hourglass;
    private Job good;
    private Job bad;

    @BeforeEach
    void knownActivity() {
        hourglass = Hourglass.builder(new InMemoryStore())
                .clock(clock)
                .defaultZone(ZoneOffset.UTC)
                .maxConsecutiveErrors(2)
                .metrics(metrics)
                .runner(request -> request.task().equals("fail") ? RunOutcome.failed("HTTP 500: down")
                        : RunOutcome.ok("fine"))
                .alerts(alert -> { })
                .build();
        good = create("good", "work");
        bad = create("bad", "fail");

        clock.set(T0.plusMillis(10_005));       // both due at T0+10s: 5 ms late
        hourglass.runDueJobs();                 // good ok, bad error (retry 30 s later)
        clock.set(T0.plusMillis(40_005));       // good's T0+20s fire 20.005 s late, bad's retry on time
        hourglass.runDueJobs();                 // good ok, bad error again: its breaker trips
        hourglass.useCases().runNow().runNow(new RunJobNowCommand(good.id(), "user"));  // ok, no fire lag
    }

    @AfterEach
    void close() {
        hourglass.close();
        metrics.close();
    }

    @Test
    void runs_are_counted_by_outcome() {
        PrometheusText scrape = PrometheusText.parse(metrics.scrape());

        assertThat(scrape.type("hourglass_runs_total")).isEqualTo("counter");
        assertThat(scrape.value("hourglass_runs_total", "outcome", "ok")).isEqualTo(3);
        assertThat(scrape.value("hourglass_runs_total", "outcome", "error")).isEqualTo(2);
        assertThat(scrape.value("hourglass_runs_total", "outcome", "interrupted")).isZero();
        assertThat(scrape.value("hourglass_runs_total", "outcome", "superseded")).isZero();
        assertThat(scrape.value("hourglass_breaker_trips_total")).isEqualTo(1);
    }

    @Test
    void fire_lag_and_run_duration_are_histograms_of_what_happened() {
        PrometheusText scrape = PrometheusText.parse(metrics.scrape());

        assertThat(scrape.type("hourglass_fire_lag_seconds")).isEqualTo("histogram");
        assertThat(scrape.value("hourglass_fire_lag_seconds_count")).as("scheduled runs only").isEqualTo(4);
        assertThat(scrape.value("hourglass_fire_lag_seconds_sum")).isCloseTo(0.005 + 0.005 + 20.005 + 0, within(1e-9));
        assertThat(scrape.value("hourglass_fire_lag_seconds_bucket", "le", "0.005")).isEqualTo(3);
        assertThat(scrape.value("hourglass_fire_lag_seconds_bucket", "le", "30.0")).isEqualTo(4);
        assertThat(scrape.type("hourglass_run_duration_seconds")).isEqualTo("histogram");
        assertThat(scrape.value("hourglass_run_duration_seconds_count")).isEqualTo(5);
        assertThat(scrape.type("hourglass_store_commit_seconds")).isEqualTo("histogram");
        assertThat(scrape.value("hourglass_store_commit_seconds_count")).as("one commit per step").isEqualTo(3);
    }

    @Test
    void gauges_read_the_store_at_scrape_time() {
        PrometheusText scrape = PrometheusText.parse(metrics.scrape());

        assertThat(scrape.value("hourglass_jobs", "status", "active")).isEqualTo(1);
        assertThat(scrape.value("hourglass_jobs", "status", "failed")).isEqualTo(1);
        assertThat(scrape.value("hourglass_jobs", "status", "paused")).isZero();
        assertThat(scrape.value("hourglass_jobs", "status", "completed")).isZero();
        assertThat(scrape.value("hourglass_alerts_pending")).as("the trip's alert, not delivered yet").isEqualTo(1);
        assertThat(scrape.value("hourglass_workers_busy")).isZero();
        assertThat(scrape.value("hourglass_dependencies", "state", "open")).isZero();
        assertThat(scrape.value("hourglass_dependencies", "state", "closed")).isZero();
        assertThat(scrape.value("hourglass_dependencies", "state", "half_open")).isZero();
        assertThat(scrape.value("hourglass_incidents_open")).isZero();

        hourglass.deliverAlerts();
        PrometheusText after = PrometheusText.parse(metrics.scrape());
        assertThat(after.value("hourglass_alerts_pending")).isZero();
        assertThat(after.value("hourglass_alerts_delivered_total")).isEqualTo(1);
    }

    @Test
    void the_jvm_reports_too() {
        PrometheusText scrape = PrometheusText.parse(metrics.scrape());

        assertThat(scrape.type("jvm_memory_used_bytes")).isEqualTo("gauge");
        assertThat(scrape.type("jvm_threads_live_threads")).isEqualTo("gauge");
        assertThat(scrape.type("process_uptime_seconds")).isEqualTo("gauge");
    }

    @Test
    void no_series_names_a_job() {
        Set<String> bounded = Set.of("outcome", "status", "state", "le", "area", "id", "cause", "action", "gc");
        List<PrometheusText.Sample> samples = PrometheusText.parse(metrics.scrape()).samples();

        assertThat(samples).isNotEmpty();
        for (PrometheusText.Sample sample : samples) {
            assertThat(bounded).as("labels of %s", sample).containsAll(sample.labels().keySet());
            assertThat(sample.labels().values()).as("labels of %s", sample)
                    .doesNotContain(good.id().value(), bad.id().value(), "good", "bad");
        }
    }

    private Job create(String name, String task) {
        return hourglass.useCases().create().create(CreateJobCommand.of(name, ScheduleSpec.every(10_000), task));
    }
}
