package dev.hourglass.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.domain.error.ErrorCode;
import dev.hourglass.domain.schedule.At;
import dev.hourglass.domain.schedule.Cron;
import dev.hourglass.domain.schedule.Every;
import dev.hourglass.domain.schedule.Schedule;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The adapter's mappings cover everything the domain can hand them. */
class JsonMappingTest {

    private static final List<Schedule> ONE_OF_EACH_KIND = List.of(
            new At(Instant.parse("2026-12-01T08:00:00Z")),
            new Every(60_000),
            Cron.of("0 9 * * 1-5", ZoneId.of("Europe/Berlin")));

    @Test
    void the_samples_cover_every_permitted_schedule_kind() {
        Set<Class<?>> sampled = ONE_OF_EACH_KIND.stream().map(Object::getClass).collect(Collectors.toSet());

        assertThat(sampled).containsExactlyInAnyOrderElementsOf(Arrays.asList(Schedule.class.getPermittedSubclasses()));
    }

    @Test
    void every_schedule_kind_maps_to_json_of_its_own_kind() throws Exception {
        var mapper = JsonMapping.mapper();
        for (Schedule schedule : ONE_OF_EACH_KIND) {
            var json = mapper.readTree(mapper.writeValueAsString(ScheduleJson.of(schedule)));
            assertThat(json.get("kind").asText()).isEqualTo(schedule.kind());
        }
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void every_error_code_has_an_http_status(ErrorCode code) {
        assertThat(ErrorResponses.statusOf(code)).isBetween(400, 599);
    }

    @Test
    void instants_are_written_in_utc_with_exactly_three_fraction_digits() throws Exception {
        var mapper = JsonMapping.mapper();

        assertThat(mapper.writeValueAsString(Instant.parse("2026-12-01T08:00:00Z"))).isEqualTo("\"2026-12-01T08:00:00.000Z\"");
        assertThat(mapper.writeValueAsString(Instant.parse("2026-12-01T08:00:00.123456789Z")))
                .isEqualTo("\"2026-12-01T08:00:00.123Z\"");
    }

    @Test
    void settings_never_print_the_token() {
        assertThat(HttpSettings.withToken("hunter2").toString()).doesNotContain("hunter2");
    }
}
