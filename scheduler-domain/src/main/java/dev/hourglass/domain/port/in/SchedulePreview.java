package dev.hourglass.domain.port.in;

import java.time.Instant;

/**
 * What a schedule would do: its next fire and a description, or, for a schedule that is
 * well-formed but unusable, null for both and the reason in {@code error}.
 */
public record SchedulePreview(Instant nextRunAt, String humanReadable, String error) {

    public static SchedulePreview usable(Instant nextRunAt, String humanReadable) {
        return new SchedulePreview(nextRunAt, humanReadable, null);
    }

    public static SchedulePreview unusable(String error) {
        return new SchedulePreview(null, null, error);
    }
}
