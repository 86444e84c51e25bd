package dev.hourglass.domain.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.domain.error.ErrorCode;
import dev.hourglass.domain.error.InvalidInputException;
import dev.hourglass.domain.error.UnusableScheduleException;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleSpecTest {

    private static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Tokyo");

    @Test
    void resolves_each_kind() {
        assertThat(ScheduleSpec.at("2026-12-01T09:00:00+01:00").resolve(DEFAULT_ZONE))
                .isEqualTo(new At(Instant.parse("2026-12-01T08:00:00Z")));
        assertThat(ScheduleSpec.every(60_000).resolve(DEFAULT_ZONE)).isEqualTo(new Every(60_000));
        assertThat(ScheduleSpec.cron("0 9 * * 1-5", "Europe/Berlin").resolve(DEFAULT_ZONE))
                .isEqualTo(Cron.of("0 9 * * 1-5", ZoneId.of("Europe/Berlin")));
    }

    @Test
    void a_cron_without_a_zone_takes_the_default_zone() {
        Schedule schedule = ScheduleSpec.cron("0 9 * * *", null).resolve(DEFAULT_ZONE);

        assertThat(((Cron) schedule).zone()).isEqualTo(DEFAULT_ZONE);
    }

    @Test
    void an_at_instant_is_kept_to_the_millisecond() {
        Schedule schedule = ScheduleSpec.at("2026-12-01T09:00:00.123456789+01:00").resolve(DEFAULT_ZONE);

        assertThat(schedule).isEqualTo(new At(Instant.parse("2026-12-01T08:00:00.123Z")));
    }

    @Test
    void a_missing_kind_is_malformed() {
        assertMalformed(new ScheduleSpec(null, null, 60_000L, null, null), "schedule.kind");
    }

    @ParameterizedTest
    @ValueSource(strings = {"once", "AT", "", "interval"})
    void an_unknown_kind_is_malformed(String kind) {
        assertMalformed(new ScheduleSpec(kind, "2026-12-01T09:00:00Z", 60_000L, "* * * * *", null), "schedule.kind");
    }

    @Test
    void an_at_without_its_instant_is_malformed() {
        assertMalformed(new ScheduleSpec("at", null, 60_000L, null, null), "schedule.at");
    }

    @Test
    void an_every_without_its_interval_is_malformed() {
        assertMalformed(new ScheduleSpec("every", "2026-12-01T09:00:00Z", null, null, null), "schedule.intervalMs");
    }

    @Test
    void a_cron_without_its_expression_is_malformed() {
        assertMalformed(new ScheduleSpec("cron", null, null, null, "Europe/Berlin"), "schedule.expr");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomorrow", "2026-12-01", "2026-13-01T09:00:00Z", "1764576000000", ""})
    void an_at_that_does_not_parse_is_unusable(String at) {
        assertUnusable(ScheduleSpec.at(at), "schedule.at", "schedule.at: '" + at + "' is not an ISO-8601 timestamp");
    }

    @Test
    void an_at_without_an_offset_is_unusable() {
        assertUnusable(ScheduleSpec.at("2026-12-01T09:00:00"), "schedule.at",
                "schedule.at: '2026-12-01T09:00:00' is not an ISO-8601 timestamp with an offset");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mars/Olympus", "Europe/Berln", "", "CEST"})
    void an_unknown_zone_is_unusable(String tz) {
        assertUnusable(ScheduleSpec.cron("0 9 * * *", tz), "schedule.tz", "schedule.tz: unknown time zone '" + tz + "'");
    }

    @Test
    void a_bad_cron_expression_is_unusable() {
        assertUnusable(ScheduleSpec.cron("@daily", "UTC"), "schedule.expr", "invalid cron expression '@daily': ");
    }

    @Test
    void a_non_positive_interval_is_unusable() {
        assertUnusable(ScheduleSpec.every(0), "schedule.intervalMs", "schedule.intervalMs must be a positive");
    }

    private static void assertMalformed(ScheduleSpec spec, String field) {
        assertThatThrownBy(() -> spec.resolve(DEFAULT_ZONE))
                .isExactlyInstanceOf(InvalidInputException.class)
                .isNotInstanceOf(UnusableScheduleException.class)
                .hasMessageStartingWith(field)
                .satisfies(e -> {
                    assertThat(((InvalidInputException) e).field()).isEqualTo(field);
                    assertThat(((InvalidInputException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                });
    }

    private static void assertUnusable(ScheduleSpec spec, String field, String messageStart) {
        assertThatThrownBy(() -> spec.resolve(DEFAULT_ZONE))
                .isInstanceOfSatisfying(UnusableScheduleException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                })
                .hasMessageStartingWith(messageStart);
    }
}
