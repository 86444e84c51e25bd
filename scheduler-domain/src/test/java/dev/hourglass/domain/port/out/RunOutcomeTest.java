package dev.hourglass.domain.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunOutcomeTest {

    @Test
    void a_retry_after_hint_is_never_negative_nor_longer_than_a_week() {
        assertThat(RunOutcome.failed("x", Duration.ofSeconds(-5)).retryAfter()).isEqualTo(Duration.ZERO);
        assertThat(RunOutcome.failed("x", Duration.ofDays(100_000)).retryAfter()).isEqualTo(Duration.ofDays(7));
        assertThat(RunOutcome.failed("x", Duration.ofSeconds(120)).retryAfter()).isEqualTo(Duration.ofSeconds(120));
        assertThat(RunOutcome.failed("x").retryAfterHint()).isEmpty();
    }

    @Test
    void an_unavailable_target_is_a_failure_marked_as_a_dependency_fault() {
        RunOutcome.Failed unavailable = RunOutcome.unavailable("HTTP 429: slow down", Duration.ofSeconds(30));

        assertThat(unavailable.dependencyFault()).isTrue();
        assertThat(unavailable.retryAfterHint()).contains(Duration.ofSeconds(30));
        assertThat(RunOutcome.failed("HTTP 500: bug").dependencyFault()).isFalse();
        assertThat(RunOutcome.unavailable("down", null).retryAfterHint()).isEmpty();
    }

    @Test
    void failures_compare_by_their_error_and_hint_as_in_round_one() {
        assertThat(RunOutcome.unavailable("HTTP 503: down", Duration.ofSeconds(5)))
                .isEqualTo(RunOutcome.failed("HTTP 503: down", Duration.ofSeconds(5)))
                .hasSameHashCodeAs(RunOutcome.failed("HTTP 503: down", Duration.ofSeconds(5)));
        assertThat(RunOutcome.unavailable("HTTP 503: down", null)).isNotEqualTo(RunOutcome.failed("HTTP 502: down"));
    }
}
