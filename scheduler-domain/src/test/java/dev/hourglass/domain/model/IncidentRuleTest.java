package dev.hourglass.domain.model;

import static dev.hourglass.domain.model.IncidentRule.Decision.NONE;
import static dev.hourglass.domain.model.IncidentRule.Decision.OPEN;
import static dev.hourglass.domain.model.IncidentRule.Decision.RESOLVE;
import static dev.hourglass.domain.model.IncidentRule.Decision.STAYS_OPEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.domain.schedule.Every;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The incident table, one case per cell (and its edges), and which signature a job counts under. */
class IncidentRuleTest {

    private static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");

    @ParameterizedTest(name = "open={0}, {1} failing, threshold {2} -> {3}")
    @CsvSource({
            // no incident open: nothing below the threshold, OPEN from it on
            "false, 0, 3, NONE",
            "false, 1, 3, NONE",
            "false, 2, 3, NONE",
            "false, 3, 3, OPEN",
            "false, 8, 3, OPEN",
            // incident open: it stays while 2 or more fail alike, also below the threshold
            "true,  0, 3, RESOLVE",
            "true,  1, 3, RESOLVE",
            "true,  2, 3, STAYS_OPEN",
            "true,  3, 3, STAYS_OPEN",
            "true,  9, 3, STAYS_OPEN",
            // a threshold of 2 leaves no band between opening and resolving
            "false, 1, 2, NONE",
            "false, 2, 2, OPEN",
            "true,  1, 2, RESOLVE",
            "true,  2, 2, STAYS_OPEN",
            // a high threshold: the band between is wide
            "false, 9, 10, NONE",
            "true,  9, 10, STAYS_OPEN"})
    void decides_each_cell(boolean open, int failing, int threshold, IncidentRule.Decision expected) {
        assertThat(new IncidentRule(threshold).decide(open, failing)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void a_threshold_below_two_would_open_and_resolve_at_once_and_is_refused() {
        assertThatThrownBy(() -> new IncidentRule(1)).hasMessageContaining("at least 2");
        assertThat(IncidentRule.DEFAULT.threshold()).isEqualTo(3);
        assertThat(IncidentRule.DEFAULT.decide(false, 3)).isEqualTo(OPEN);
        assertThat(IncidentRule.DEFAULT.decide(true, 1)).isEqualTo(RESOLVE);
        assertThat(IncidentRule.DEFAULT.decide(true, 2)).isEqualTo(STAYS_OPEN);
        assertThat(IncidentRule.DEFAULT.decide(false, 2)).isEqualTo(NONE);
    }

    @ParameterizedTest(name = "{0}, last run {1}, counted before under {2} -> {3}")
    @CsvSource(nullValues = "-", textBlock = """
            active,    error,       -,        HTTP <n>: boom
            failed,    error,       -,        HTTP <n>: boom
            active,    error,       other,    HTTP <n>: boom
            paused,    error,       HTTP <n>: boom, -
            completed, error,       HTTP <n>: boom, -
            active,    ok,          HTTP <n>: boom, -
            failed,    ok,          HTTP <n>: boom, -
            active,    interrupted, HTTP <n>: boom, HTTP <n>: boom
            active,    interrupted, -,        -
            failed,    interrupted, HTTP <n>: boom, HTTP <n>: boom
            paused,    interrupted, HTTP <n>: boom, -
            active,    -,           -,        -
            """)
    void a_job_counts_under_the_signature_of_its_failed_last_run_while_active_or_failed(String status, String lastRun,
            String before, String expected) {
        Job job = job(JobStatus.fromWireName(status).orElseThrow(), lastRun == null ? null
                : RunStatus.fromWireName(lastRun).orElseThrow());

        assertThat(IncidentRule.signatureOf(job, Optional.ofNullable(before))).isEqualTo(Optional.ofNullable(expected));
    }

    @org.junit.jupiter.api.Test
    void a_job_held_by_its_open_dependency_counts_under_none_until_it_is_released() {
        Job failing = job(JobStatus.ACTIVE, RunStatus.ERROR);
        Job held = failing.hold(NOW);

        assertThat(IncidentRule.signatureOf(held, Optional.of("HTTP <n>: boom"))).isEmpty();
        assertThat(IncidentRule.signatureOf(held.release(null, NOW.plusSeconds(60)), Optional.empty()))
                .contains("HTTP <n>: boom");
    }

    private static Job job(JobStatus status, RunStatus lastRun) {
        LastRun last = lastRun == null ? null : new LastRun(NOW, lastRun, 5,
                lastRun == RunStatus.OK ? null : lastRun == RunStatus.ERROR ? "HTTP 503: boom" : "interrupted");
        return new Job(new JobId("j"), "j", null, true, new Every(60_000), "t", status, last,
                status == JobStatus.ACTIVE ? NOW.plusSeconds(60) : null, 1, lastRun == RunStatus.ERROR ? 1 : 0, false,
                NOW, NOW, "user", 1, null, 1, null, null, null, null, null, null, null);
    }
}
