package dev.hourglass.domain.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.domain.error.UnusableScheduleException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AtTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @Test
    void activated_before_its_instant_it_fires_at_its_instant() {
        At at = new At(Instant.parse("2026-12-01T08:00:00Z"));

        assertThat(at.activationFire(NOW)).contains(Instant.parse("2026-12-01T08:00:00Z"));
    }

    @Test
    void activated_after_its_instant_a_revived_one_shot_fires_once_more_now() {
        At at = new At(Instant.parse("2026-05-01T08:00:00Z"));

        assertThat(at.activationFire(NOW)).contains(NOW);
    }

    @Test
    void has_no_fire_after_a_run() {
        At at = new At(Instant.parse("2026-12-01T08:00:00Z"));

        assertThat(at.nextFire(NOW, NOW)).isEmpty();
        assertThat(at.nextFire(null, NOW)).isEmpty();
    }

    @Test
    void an_instant_in_the_future_is_usable() {
        new At(NOW.plusMillis(1)).requireFutureFire(NOW);
    }

    @Test
    void an_instant_in_the_past_or_now_is_refused() {
        assertThatThrownBy(() -> new At(Instant.parse("2026-05-01T08:00:00Z")).requireFutureFire(NOW))
                .isInstanceOfSatisfying(UnusableScheduleException.class,
                        e -> assertThat(e.field()).isEqualTo("schedule.at"))
                .hasMessage("'at' timestamp is in the past: 2026-05-01T08:00:00Z");
        assertThatThrownBy(() -> new At(NOW).requireFutureFire(NOW))
                .isInstanceOf(UnusableScheduleException.class)
                .hasMessage("'at' timestamp is in the past: 2026-06-01T12:00:00Z");
    }

    @Test
    void does_not_repeat_and_retries_when_the_backoff_ends() {
        At at = new At(Instant.parse("2026-12-01T08:00:00Z"));

        assertThat(at.repeats()).isFalse();
        assertThat(at.kind()).isEqualTo("at");
        assertThat(at.retryAt(NOW.plusSeconds(30), NOW)).isEqualTo(NOW.plusSeconds(30));
    }

    @Test
    void describes_its_instant() {
        assertThat(new At(Instant.parse("2026-12-01T08:00:00Z")).describe()).isEqualTo("once at 2026-12-01T08:00:00Z");
    }
}
