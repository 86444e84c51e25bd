package dev.hourglass.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.hourglass.domain.schedule.Every;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobTest {

    private static final Instant NOW = Jobs.NOW;

    @Test
    void a_paused_job_has_no_next_run() {
        Job job = Jobs.every(Duration.ofMinutes(5), NOW);

        assertThatIllegalArgumentException().isThrownBy(() -> job.withStatus(JobStatus.PAUSED, NOW, 0, NOW))
                .withMessage("only an enabled active job has a next run");
        assertThat(job.paused(NOW).nextRunAt()).isNull();
    }

    @Test
    void failed_and_completed_jobs_have_no_next_run() {
        Job job = Jobs.every(Duration.ofMinutes(5), NOW);

        assertThatIllegalArgumentException().isThrownBy(() -> job.withStatus(JobStatus.FAILED, NOW, 10, NOW));
        assertThatIllegalArgumentException().isThrownBy(() -> job.withStatus(JobStatus.COMPLETED, NOW, 0, NOW));
    }

    @Test
    void a_disabled_job_has_no_next_run() {
        assertThatIllegalArgumentException().isThrownBy(() -> disabled(NOW))
                .withMessage("only an enabled active job has a next run");
    }

    @Test
    void counters_are_never_negative() {
        Job job = Jobs.every(Duration.ofMinutes(5), NOW);

        assertThatIllegalArgumentException().isThrownBy(() -> job.withStatus(JobStatus.ACTIVE, NOW, -1, NOW))
                .withMessage("counters must not be negative");
    }

    @Test
    void entering_active_plans_from_now_and_clears_the_errors() {
        Job failed = Jobs.every(Duration.ofMinutes(5), NOW).withStatus(JobStatus.FAILED, null, 10, NOW);
        Instant later = NOW.plus(Duration.ofDays(2)).plusMillis(7);

        Job revived = failed.activated(later);

        assertThat(revived.status()).isEqualTo(JobStatus.ACTIVE);
        assertThat(revived.nextRunAt()).isEqualTo(later.plus(Duration.ofMinutes(5)));
        assertThat(revived.consecutiveErrors()).isZero();
        assertThat(revived.updatedAt()).isEqualTo(later);
    }

    @Test
    void a_revived_one_shot_whose_instant_passed_runs_once_more_now() {
        Job failed = Jobs.at(NOW).withStatus(JobStatus.FAILED, null, 3, NOW);
        Instant later = NOW.plus(Duration.ofHours(1));

        assertThat(failed.activated(later).nextRunAt()).isEqualTo(later);
    }

    @Test
    void a_disabled_job_entering_active_still_has_no_next_run() {
        assertThat(disabled(null).paused(NOW).activated(NOW).nextRunAt()).isNull();
    }

    @Test
    void names_are_keyed_case_insensitively() {
        assertThat(Job.nameKey("Nightly REPORT")).isEqualTo(Job.nameKey("nightly report"));
    }

    private static Job disabled(Instant nextRunAt) {
        return new Job(JobId.of("job-1"), "nightly report", null, false, new Every(60_000), "task", JobStatus.ACTIVE,
                null, nextRunAt, 0, 0, false, NOW, NOW, Actor.USER, 1, null);
    }
}
