package dev.hourglass.domain.model;

import static dev.hourglass.domain.testing.TestJobs.T0;
import static dev.hourglass.domain.testing.TestJobs.claim;
import static dev.hourglass.domain.testing.TestJobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.hourglass.domain.port.out.JobWrite;
import dev.hourglass.domain.schedule.Every;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Job#redefine}: the one transition that changes a definition, and the write that stores it. */
class JobRedefineTest {

    private static final Instant NOW = T0.plusSeconds(30);

    private static JobDefinition with(Job job, long everyMs, boolean enabled, Long expect) {
        JobDefinition d = job.definition();
        return new JobDefinition(d.name(), d.description(), enabled, new Every(everyMs, NOW), d.task(),
                d.deleteAfterRun(), expect);
    }

    @Test
    void a_redefined_job_keeps_identity_state_and_counters_one_revision_on() {
        Job job = job("report").runCount(7).consecutiveErrors(2).build();

        Job edited = job.redefine(with(job, 60_000, true, null), NOW);

        assertThat(edited.id()).isEqualTo(job.id());
        assertThat(edited.revision()).isEqualTo(2);
        assertThat(edited.runCount()).isEqualTo(7);
        assertThat(edited.consecutiveErrors()).isEqualTo(2);
        assertThat(edited.createdAt()).isEqualTo(job.createdAt());
        assertThat(edited.updatedAt()).isEqualTo(NOW);
    }

    @Test
    void a_claim_taken_at_the_edited_version_moves_with_the_edit_and_one_an_operator_overrode_does_not() {
        Job running = job("busy").claim(claim(T0, T0, 3)).version(3).build();
        Job overridden = job("overridden").claim(claim(T0, T0, 2)).version(3).build();

        assertThat(running.redefine(with(running, 5_000, true, null), NOW).claim().version()).isEqualTo(4);
        assertThat(overridden.redefine(with(overridden, 5_000, true, null), NOW).claim().version()).isEqualTo(2);
    }

    @Test
    void disabling_clears_the_next_run_and_a_paused_job_stays_without_one() {
        Job active = job("active").build();
        Job paused = job("paused").status(JobStatus.PAUSED).build();

        assertThat(active.redefine(with(active, 60_000, false, null), NOW).nextRunAt()).isNull();
        assertThat(paused.redefine(with(paused, 5_000, true, null), NOW).nextRunAt()).isNull();
        assertThat(paused.redefine(with(paused, 5_000, true, null), NOW).status()).isEqualTo(JobStatus.PAUSED);
    }

    @Test
    void an_open_stale_episode_stays_only_while_the_new_window_still_finds_the_job_stale() {
        Job stale = job("quiet").expectSuccessWithinMs(60_000L).staleSince(T0.plusSeconds(1)).build();

        assertThat(stale.redefine(with(stale, 60_000, true, 10_000L * 6), NOW).staleSince()).as("30 s old, 60 s window")
                .isNull();
        Job older = job("older").expectSuccessWithinMs(60_000L).staleSince(T0).createdAt(T0.minusSeconds(600))
                .build();
        assertThat(older.redefine(with(older, 60_000, true, 120_000L), NOW).staleSince()).isEqualTo(T0);
    }

    @Test
    void a_save_refuses_a_new_revision_and_an_edit_refuses_a_new_identity() {
        Job job = job("report").build();
        Job edited = job.redefine(with(job, 5_000, true, null), NOW);

        assertThatIllegalArgumentException().isThrownBy(() -> JobWrite.save(job, edited, List.of()));
        assertThat(JobWrite.edit(job, edited, List.of(), "user").revision().revision()).isEqualTo(2);
        Job other = job("other").build().redefine(with(job, 5_000, true, null), NOW);
        assertThatIllegalArgumentException().isThrownBy(() -> JobWrite.edit(job, other, List.of(), "user"));
        assertThatIllegalArgumentException().isThrownBy(() -> JobWrite.edit(job, job, List.of(), "user"));
    }
}
