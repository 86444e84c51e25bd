package dev.hourglass.domain.port.in;

import dev.hourglass.domain.error.InvalidInputException;
import dev.hourglass.domain.schedule.ScheduleSpec;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * A schedule to judge, and how far to look ahead (CONTRACT §12.5): the first {@code count} fires
 * after {@code from}. {@code from} is null for "from now"; {@code count} is 1 to 20.
 */
public record PreviewScheduleCommand(ScheduleSpec schedule, Instant from, int count) {

    public static final int DEFAULT_COUNT = 5;
    public static final int MAX_COUNT = 20;
    /** The years an instant is written in with four digits; outside them fires cannot be shown. */
    public static final Instant EARLIEST_FROM = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST_FROM = Instant.parse("9999-12-31T23:59:59.999Z");

    public PreviewScheduleCommand {
        if (schedule == null) {
            throw new InvalidInputException("schedule", "schedule is required");
        }
        if (count < 1 || count > MAX_COUNT) {
            throw new InvalidInputException("count", "count must be an integer from 1 to " + MAX_COUNT + ", got " + count);
        }
        if (from != null && (from.isBefore(EARLIEST_FROM) || from.isAfter(LATEST_FROM))) {
            throw new InvalidInputException("from", "from must lie in the years 0001 to 9999, got " + from);
        }
    }

    /** The next {@value #DEFAULT_COUNT} fires from now. */
    public static PreviewScheduleCommand of(ScheduleSpec schedule) {
        return new PreviewScheduleCommand(schedule, null, DEFAULT_COUNT);
    }

    /**
     * From a request's values: {@code from} an ISO-8601 instant with an offset
     * ({@code 2026-10-24T12:00:00+02:00}), {@code count} a number; either may be null for its default.
     */
    public static PreviewScheduleCommand of(ScheduleSpec schedule, String from, Long count) {
        if (count != null && (count < 1 || count > MAX_COUNT)) {
            throw new InvalidInputException("count", "count must be an integer from 1 to " + MAX_COUNT + ", got " + count);
        }
        return new PreviewScheduleCommand(schedule, from == null ? null : parseFrom(from),
                count == null ? DEFAULT_COUNT : count.intValue());
    }

    private static Instant parseFrom(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("from", "from: '" + text
                    + "' is not an ISO-8601 instant with an offset, such as 2026-10-24T12:00:00Z");
        }
    }
}
