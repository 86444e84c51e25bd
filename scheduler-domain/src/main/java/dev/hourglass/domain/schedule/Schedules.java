package dev.hourglass.domain.schedule;

import dev.hourglass.domain.error.UnusableScheduleException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Schedules for Java callers, typed: an {@link Instant}, a {@link Duration}, a {@link ZoneId}, never
 * a timestamp in a string. Each is checked as it is made (a zero interval, a cron expression that
 * does not parse: {@link UnusableScheduleException} naming the field); whether it still has a future
 * fire is judged when the job is created, against the scheduler's clock.
 *
 * <pre>{@code
 * jobs.create("report", Schedules.cron("0 9 * * 1-5", ZoneId.of("Europe/Berlin")), "send");
 * jobs.create("poll", Schedules.every(Duration.ofMinutes(5)), "poll");
 * jobs.create("once", Schedules.at(Instant.parse("2026-12-01T08:00:00Z")), "migrate");
 * }</pre>
 */
public final class Schedules {

    private Schedules() {
    }

    /** Once, at {@code instant} (kept to the millisecond). */
    public static ScheduleSpec at(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        return ScheduleSpec.at(instant.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC).toString());
    }

    /** Every {@code interval}, a whole number of milliseconds, on a fixed grid from the job's creation. */
    public static ScheduleSpec every(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        long millis;
        try {
            millis = interval.toMillis();
        } catch (ArithmeticException e) {
            throw new UnusableScheduleException("schedule.intervalMs", "schedule.intervalMs: " + interval
                    + " is too long");
        }
        if (!Duration.ofMillis(millis).equals(interval)) {
            throw new UnusableScheduleException("schedule.intervalMs",
                    "schedule.intervalMs must be a whole number of milliseconds, got " + interval);
        }
        return ScheduleSpec.every(new Every(millis).intervalMs());
    }

    /** On a 5-field cron expression in {@code zone}. */
    public static ScheduleSpec cron(String expression, ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        Cron cron = Cron.of(Objects.requireNonNull(expression, "expression"), zone);
        return ScheduleSpec.cron(cron.expression(), zone.getId());
    }

    /** On a 5-field cron expression in the scheduler's default zone ({@code Hourglass.Builder.defaultZone}). */
    public static ScheduleSpec cron(String expression) {
        Cron cron = Cron.of(Objects.requireNonNull(expression, "expression"), ZoneOffset.UTC);
        return ScheduleSpec.cron(cron.expression(), null);
    }
}
