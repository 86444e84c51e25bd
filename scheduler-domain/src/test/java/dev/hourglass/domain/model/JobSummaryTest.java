package dev.hourglass.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobSummaryTest {

    private static final Instant NOW = Jobs.NOW;

    @Test
    void counts_jobs_by_status_and_finds_the_earliest_next_fire() {
        Job healthy = Jobs.every(Duration.ofMinutes(5), NOW.plusSeconds(300));
        Job retrying = Jobs.withErrors(Jobs.every(Duration.ofMinutes(5), NOW.plusSeconds(30)), 2);
        Job pausedWithErrors = Jobs.withErrors(Jobs.every(Duration.ofMinutes(5), NOW), 3).pause(NOW);
        Job failed = Jobs.every(Duration.ofMinutes(5), NOW).tripBreaker(10, NOW);
        Job completed = Jobs.at(NOW).complete(NOW);
        Job alsoPaused = Jobs.at(NOW).pause(NOW);

        JobSummary summary = JobSummary.of(List.of(healthy, retrying, pausedWithErrors, failed, completed, alsoPaused));

        assertThat(summary).isEqualTo(new JobSummary(6, 2, 2, 1, 1, NOW.plusSeconds(30), 1));
    }

    @Test
    void recent_failures_are_active_jobs_with_errors_since_their_last_success() {
        List<Job> jobs = List.of(
                Jobs.withErrors(Jobs.every(Duration.ofMinutes(5), NOW), 1),
                Jobs.withErrors(Jobs.at(NOW), 2),
                Jobs.every(Duration.ofMinutes(5), NOW));

        assertThat(JobSummary.of(jobs).recentFailures()).isEqualTo(2);
    }

    @Test
    void no_jobs_sum_up_to_zero_and_no_next_fire() {
        assertThat(JobSummary.of(List.of())).isEqualTo(new JobSummary(0, 0, 0, 0, 0, null, 0));
    }
}
