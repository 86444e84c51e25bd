package dev.hourglass.domain.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.domain.error.InvalidInputException;
import dev.hourglass.domain.error.UnusableScheduleException;
import dev.hourglass.domain.schedule.ScheduleSpec;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PreviewScheduleCommandTest {

    private static final ScheduleSpec SCHEDULE = ScheduleSpec.every(60_000);

    @Test
    void looks_five_fires_ahead_from_now_by_default() {
        PreviewScheduleCommand command = PreviewScheduleCommand.of(SCHEDULE, null, null);

        assertThat(command).isEqualTo(PreviewScheduleCommand.of(SCHEDULE));
        assertThat(command.from()).isNull();
        assertThat(command.count()).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 20})
    void takes_a_count_from_1_to_20(long count) {
        assertThat(PreviewScheduleCommand.of(SCHEDULE, null, count).count()).isEqualTo((int) count);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, 21, Integer.MAX_VALUE + 1L, Long.MIN_VALUE})
    void refuses_a_count_outside_1_to_20_naming_the_field(long count) {
        assertRefused(() -> PreviewScheduleCommand.of(SCHEDULE, null, count), "count");
        if (count == (int) count) {
            assertRefused(() -> new PreviewScheduleCommand(SCHEDULE, null, (int) count), "count");
        }
    }

    @Test
    void reads_from_as_an_instant_with_an_offset_to_the_millisecond() {
        PreviewScheduleCommand command = PreviewScheduleCommand.of(SCHEDULE, "2026-10-25T02:15:00.123456+02:00", null);

        assertThat(command.from()).isEqualTo(Instant.parse("2026-10-25T00:15:00.123Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomorrow", "2026-10-25T02:15:00", "2026-10-25", "", "+10000-01-01T00:00:00Z",
            "-0001-01-01T00:00:00Z"})
    void refuses_a_from_that_is_not_an_instant_with_an_offset_in_four_digit_years(String from) {
        assertRefused(() -> PreviewScheduleCommand.of(SCHEDULE, from, null), "from");
    }

    @Test
    void needs_a_schedule() {
        assertRefused(() -> PreviewScheduleCommand.of(null), "schedule");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field))
                .isNotInstanceOf(UnusableScheduleException.class)
                .hasMessageContaining(field);
    }
}
