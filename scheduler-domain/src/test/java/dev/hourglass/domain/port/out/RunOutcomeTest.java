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
}
