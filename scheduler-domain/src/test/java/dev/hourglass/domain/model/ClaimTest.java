package dev.hourglass.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A claim knows its owner and its fencing epoch; only the very same holding matches. */
class ClaimTest {

    private static final Instant PLANNED = Instant.parse("2026-06-01T12:00:00Z");
    private static final InstanceId FIRST = new InstanceId("instance-1");
    private static final InstanceId SECOND = new InstanceId("instance-2");
    private final Claim claim = Claim.of(new RunId("run-1"), PLANNED, PLANNED.plusMillis(5), 2, FIRST);

    @Test
    void a_new_claim_starts_at_epoch_one() {
        assertThat(claim.epoch()).isEqualTo(1);
        assertThat(claim.owner()).isEqualTo(FIRST);
    }

    @Test
    void an_epoch_below_one_is_refused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Claim(new RunId("run-1"), PLANNED, PLANNED, 2, FIRST, 0))
                .withMessageContaining("epoch");
    }

    @Test
    void a_takeover_keeps_run_id_and_planned_instant_and_moves_to_the_next_epoch() {
        Claim taken = claim.takenOverBy(SECOND, 7);

        assertThat(taken).isEqualTo(new Claim(new RunId("run-1"), PLANNED, PLANNED.plusMillis(5), 7, SECOND, 2));
        assertThat(taken.takenOverBy(FIRST, 9).epoch()).isEqualTo(3);
    }

    @Test
    void the_same_holding_needs_run_id_owner_and_epoch_to_match_and_ignores_the_version() {
        assertThat(claim.isSameHolding(claim)).isTrue();
        assertThat(claim.isSameHolding(new Claim(claim.runId(), PLANNED, PLANNED, 99, FIRST, 1))).isTrue();

        assertThat(claim.isSameHolding(new Claim(new RunId("run-2"), PLANNED, PLANNED, 2, FIRST, 1)))
                .as("another run").isFalse();
        assertThat(claim.isSameHolding(new Claim(claim.runId(), PLANNED, PLANNED, 2, SECOND, 1)))
                .as("another owner").isFalse();
        assertThat(claim.isSameHolding(new Claim(claim.runId(), PLANNED, PLANNED, 2, FIRST, 2)))
                .as("another epoch, same owner: taken over and taken back").isFalse();
        assertThat(claim.isSameHolding(null)).as("no claim at all").isFalse();
    }

    @Test
    void a_claim_without_planned_instant_is_manual() {
        assertThat(Claim.of(new RunId("run-1"), null, PLANNED, 2, FIRST).isManual()).isTrue();
        assertThat(claim.isManual()).isFalse();
    }
}
