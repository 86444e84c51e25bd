package dev.hourglass.domain.model;

import static dev.hourglass.domain.testing.TestJobs.T0;
import static dev.hourglass.domain.testing.TestJobs.claim;
import static dev.hourglass.domain.testing.TestJobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.domain.model.Explanation.Code;
import dev.hourglass.domain.model.Explanation.EngineView;
import dev.hourglass.domain.model.Explanation.Reason;
import dev.hourglass.domain.schedule.At;
import dev.hourglass.domain.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** CONTRACT §12.3: one case per reason code, each against a manual clock. */
class ExplanationTest {

    private final ManualClock clock = new ManualClock(T0.plusSeconds(10));

    private Explanation explain(Job job, EngineView view) {
        return Explanation.of(job, clock.instant(), view);
    }

    private Explanation explain(Job job) {
        return explain(job, EngineView.NONE);
    }

    private static Reason first(Explanation explanation) {
        return explanation.reasons().get(0);
    }

    @Test
    void scheduled_names_the_next_fire_and_the_schedule_in_words() {
        Explanation explanation = explain(job("tick").build());

        assertThat(first(explanation).code()).isEqualTo(Code.SCHEDULED);
        assertThat(explanation.firesNextAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(explanation.summary()).isEqualTo("It fires next at 2026-03-01T10:01:00.123Z (every minute).");
        assertThat(first(explanation).until()).isEqualTo(T0.plusSeconds(60));
        assertThat(explanation.reasons()).hasSize(1);
    }

    @Test
    void paused_names_who_when_why_and_until_from_the_latest_pause() {
        Instant until = T0.plusSeconds(3600);
        Job job = job("paused").pausedUntil(until).build();
        AuditEntry pause = AuditEntry.of("a-1", job, AuditAction.PAUSE, JobStatus.ACTIVE, JobStatus.PAUSED, "alice",
                "reason: deploy", T0.plusSeconds(5));

        Explanation explanation = explain(job, new EngineView(pause, null));

        Reason reason = first(explanation);
        assertThat(reason.code()).isEqualTo(Code.PAUSED);
        assertThat(reason.since()).isEqualTo(T0.plusSeconds(5));
        assertThat(reason.until()).isEqualTo(until);
        assertThat(explanation.summary()).isEqualTo("It is paused since 2026-03-01T10:00:05.123Z by alice "
                + "(reason: deploy) and resumes by itself at 2026-03-01T11:00:00.123Z.");
        assertThat(explanation.firesNextAt()).isNull();
    }

    @Test
    void failed_names_when_how_many_errors_the_last_error_and_the_force_resume_that_revives_it() {
        Job job = job("broken").status(JobStatus.FAILED).consecutiveErrors(10).updatedAt(T0.plusSeconds(2))
                .lastRun(new LastRun(T0, RunStatus.ERROR, 5, "HTTP 500: down")).build();

        Explanation explanation = explain(job);

        Reason reason = first(explanation);
        assertThat(reason.code()).isEqualTo(Code.FAILED);
        assertThat(reason.since()).isEqualTo(T0.plusSeconds(2));
        assertThat(explanation.summary()).contains("failed at 2026-03-01T10:00:02.123Z after 10 consecutive errors")
                .contains("last error: HTTP 500: down").contains("{\"force\": true}");
    }

    @Test
    void a_failed_job_that_probes_names_its_next_probe_as_what_may_revive_it() {
        Job job = job("probing").status(JobStatus.FAILED).consecutiveErrors(10).updatedAt(T0.plusSeconds(2))
                .lastRun(new LastRun(T0, RunStatus.ERROR, 5, "HTTP 503: busy")).probe(new Probe(300_000))
                .pendingProbe(T0.plusSeconds(302), Duration.ofMinutes(5)).build();

        Reason reason = first(explain(job));

        assertThat(reason.code()).isEqualTo(Code.FAILED);
        assertThat(reason.until()).isEqualTo(T0.plusSeconds(302));
        assertThat(reason.message()).contains("until its next automatic probe at 2026-03-01T10:05:02.123Z succeeds")
                .contains("{\"force\": true}");
    }

    @Test
    void disabled_says_it_never_fires() {
        Explanation explanation = explain(job("off").disabled().build());

        assertThat(first(explanation).code()).isEqualTo(Code.DISABLED);
        assertThat(explanation.firesNextAt()).isNull();
        assertThat(explanation.summary()).startsWith("It is disabled");
    }

    @Test
    void backing_off_names_the_errors_the_retry_instant_and_the_last_error() {
        Instant retry = T0.plusSeconds(40);
        Job job = job("flaky").consecutiveErrors(2).nextRunAt(retry).updatedAt(T0.plusSeconds(10))
                .lastRun(new LastRun(T0, RunStatus.ERROR, 5, "HTTP 503: busy")).build();

        Explanation explanation = explain(job);

        Reason reason = first(explanation);
        assertThat(reason.code()).isEqualTo(Code.BACKING_OFF);
        assertThat(reason.until()).isEqualTo(retry);
        assertThat(explanation.summary()).isEqualTo("It is backing off after 2 consecutive errors and retries at "
                + "2026-03-01T10:00:40.123Z; last error: HTTP 503: busy.");
    }

    @Test
    void running_names_since_when_and_on_which_instance() {
        Job job = job("busy").claim(claim(T0.plusSeconds(1), T0.plusSeconds(2), 2)).version(2).build();

        Explanation explanation = explain(job, new EngineView(null, "web-1"));

        Reason reason = first(explanation);
        assertThat(reason.code()).isEqualTo(Code.RUNNING);
        assertThat(reason.since()).isEqualTo(T0.plusSeconds(2));
        assertThat(explanation.summary()).startsWith("It is running since 2026-03-01T10:00:02.123Z on instance web-1");
        assertThat(explanation.firesNextAt()).isNull();
    }

    @Test
    void waiting_for_worker_is_a_due_job_unclaimed_for_more_than_a_moment() {
        Job job = job("queued").nextRunAt(T0.plusSeconds(5)).build();
        clock.set(T0.plusSeconds(5).plus(Explanation.DISPATCH_MOMENT).minusMillis(1));
        assertThat(first(explain(job)).code()).as("just due: being dispatched").isNotEqualTo(Code.WAITING_FOR_WORKER);

        clock.advance(Duration.ofMillis(1));
        Explanation explanation = explain(job);

        assertThat(first(explanation).code()).isEqualTo(Code.WAITING_FOR_WORKER);
        assertThat(first(explanation).since()).isEqualTo(T0.plusSeconds(5));
        assertThat(explanation.summary()).isEqualTo("It has been due since 2026-03-01T10:00:05.123Z and is waiting "
                + "for a free worker.");
    }

    @Test
    void completed_says_it_never_fires_again() {
        Job job = job("done").status(JobStatus.COMPLETED).schedule(new At(T0)).updatedAt(T0.plusSeconds(3)).build();

        Explanation explanation = explain(job);

        assertThat(first(explanation).code()).isEqualTo(Code.COMPLETED);
        assertThat(first(explanation).since()).isEqualTo(T0.plusSeconds(3));
        assertThat(explanation.summary()).startsWith("It completed at 2026-03-01T10:00:03.123Z");
    }

    @Test
    void no_future_fire_is_an_active_enabled_job_with_nothing_planned() {
        Job job = job("exhausted").nextRunAt(null).build();

        Explanation explanation = explain(job);

        assertThat(first(explanation).code()).isEqualTo(Code.NO_FUTURE_FIRE);
        assertThat(explanation.summary()).isEqualTo("Its schedule (every minute) has no future fire.");
    }

    @Test
    void stale_is_a_further_reason_since_the_episode_opened() {
        Job job = job("quiet").expectSuccessWithinMs(3_600_000L).lastSuccessAt(T0.minusSeconds(7200))
                .staleSince(T0.minusSeconds(3600)).build();

        Explanation explanation = explain(job);

        assertThat(explanation.reasons()).extracting(Reason::code).containsExactly(Code.SCHEDULED, Code.STALE);
        Reason stale = explanation.reasons().get(1);
        assertThat(stale.since()).isEqualTo(T0.minusSeconds(3600));
        assertThat(stale.message()).isEqualTo("It is stale: no successful run since 2026-03-01T08:00:00.123Z, and "
                + "one was expected within 1 hour.");
    }
}
