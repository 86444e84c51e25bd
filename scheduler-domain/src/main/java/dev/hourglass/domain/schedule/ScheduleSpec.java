package dev.hourglass.domain.schedule;

import dev.hourglass.domain.error.InvalidInputException;
import dev.hourglass.domain.error.UnusableScheduleException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * A schedule as a client wrote it, before the domain has judged it. Only the fields of its kind
 * matter; {@code tz} is optional for cron.
 */
public record ScheduleSpec(String kind, String at, Long intervalMs, String expr, String tz) {

    /** The last instant a schedule may name. */
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    public static ScheduleSpec at(String at) {
        return new ScheduleSpec(At.KIND, at, null, null, null);
    }

    public static ScheduleSpec every(long intervalMs) {
        return new ScheduleSpec(Every.KIND, null, intervalMs, null, null);
    }

    public static ScheduleSpec cron(String expr, String tz) {
        return new ScheduleSpec(Cron.KIND, null, null, expr, tz);
    }

    /**
     * Builds the schedule. A missing or unknown kind, or a missing field of the kind, is malformed
     * ({@link InvalidInputException}); a value that does not parse or cannot be used is
     * {@link UnusableScheduleException}. Whether it still fires is checked separately.
     */
    public Schedule resolve(ZoneId defaultZone) {
        if (kind == null) {
            throw new InvalidInputException("schedule.kind", "schedule.kind is required: one of at, every, cron");
        }
        return switch (kind) {
            case At.KIND -> new At(parseInstant(required(at, "schedule.at")));
            case Every.KIND -> new Every(required(intervalMs, "schedule.intervalMs"));
            case Cron.KIND -> Cron.of(required(expr, "schedule.expr"), tz == null ? defaultZone : parseZone(tz));
            default -> throw new InvalidInputException("schedule.kind",
                    "schedule.kind must be one of at, every, cron; got '" + kind + "'");
        };
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidInputException(field, field + " is required for this schedule kind");
        }
        return value;
    }

    private static Instant parseInstant(String text) {
        try {
            Instant at = OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MILLIS);
            if (at.isAfter(LATEST)) {
                // Instants are stored and compared as four-digit-year text.
                throw new UnusableScheduleException("schedule.at", "schedule.at: '" + text
                        + "' lies after the year 9999, which Hourglass cannot schedule");
            }
            return at;
        } catch (DateTimeParseException e) {
            throw new UnusableScheduleException("schedule.at", "schedule.at: '" + text
                    + "' is not an ISO-8601 timestamp with an offset, such as 2026-12-01T09:00:00+01:00");
        }
    }

    private static ZoneId parseZone(String text) {
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new UnusableScheduleException("schedule.tz", "schedule.tz: unknown time zone '" + text
                    + "'; use an IANA zone such as Europe/Berlin");
        }
    }
}
