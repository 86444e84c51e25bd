package dev.hourglass.domain.schedule;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.hourglass.domain.error.UnusableScheduleException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Map;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Fires on a standard 5-field cron expression (minute hour day-of-month month day-of-week) in a
 * time zone. Wall-clock times follow the zone's rules: a fire inside a DST gap moves to the first
 * instant after the gap, and a fire inside an overlap happens once.
 */
public final class Cron implements Schedule {

    public static final String KIND = "cron";

    private static final CronParser PARSER =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final Pattern FIELD_SEPARATOR = Pattern.compile("\\s+");
    /** Wall times passed over because they fall before the instant asked about (DST overlaps). */
    private static final int MAX_WALL_TIME_STEPS = 64;

    private final String expression;
    private final ZoneId zone;
    private final com.cronutils.model.Cron parsed;
    private final ExecutionTime executionTime;

    /**
     * Parsed expressions by text. The store turns every due row back into a schedule, and parsing
     * costs far more than the lookup; the few distinct expressions a deployment uses stay cached.
     */
    private static final Map<String, Cron> PARSED = new ConcurrentHashMap<>();
    private static final int MAX_CACHED = 4096;

    private Cron(String expression, ZoneId zone, com.cronutils.model.Cron parsed, ExecutionTime executionTime) {
        this.expression = expression;
        this.zone = zone;
        this.parsed = parsed;
        this.executionTime = executionTime;
    }

    /** Parses a 5-field expression; refuses 6 or 7 fields and {@code @} nicknames. */
    public static Cron of(String expression, ZoneId zone) {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(zone, "zone");
        String trimmed = expression.trim();
        Cron known = PARSED.get(trimmed);
        if (known != null) {
            return known.zone.equals(zone) ? known : new Cron(trimmed, zone, known.parsed, known.executionTime);
        }
        if (trimmed.startsWith("@")) {
            throw invalid(expression, "nicknames such as '@daily' are not supported; write the 5 fields");
        }
        int fields = trimmed.isEmpty() ? 0 : FIELD_SEPARATOR.split(trimmed).length;
        if (fields != 5) {
            throw invalid(expression,
                    "expected 5 fields (minute hour day-of-month month day-of-week), found " + fields);
        }
        try {
            com.cronutils.model.Cron parsed = PARSER.parse(trimmed);
            parsed.validate();
            Cron cron = new Cron(trimmed, zone, parsed, ExecutionTime.forCron(parsed));
            if (PARSED.size() >= MAX_CACHED) {
                PARSED.clear();
            }
            PARSED.put(trimmed, cron);
            return cron;
        } catch (IllegalArgumentException e) {
            throw invalid(expression, e.getMessage());
        } catch (IndexOutOfBoundsException e) {
            // cron-utils 9.2.1 fails this way on a range with a dangling step, such as "1-/" or "1-5/".
            throw invalid(expression, "Failed to parse cron expression. Malformed range or step");
        }
    }

    private static UnusableScheduleException invalid(String expression, String reason) {
        return new UnusableScheduleException("schedule.expr", "invalid cron expression '" + expression + "': " + reason);
    }

    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Optional<Instant> activationFire(Instant now) {
        return fireAfter(now);
    }

    @Override
    public Optional<Instant> nextFire(Instant plannedAt, Instant now) {
        // A run starts at or after its planned instant, so "after now" is right; after the clock was
        // stepped back, planning from the planned instant would stall the job for the jump.
        return fireAfter(now);
    }

    /** A failing cron job retries after its backoff, or at its next regular fire if that is sooner. */
    @Override
    public Instant retryAt(Instant backoffUntil, Instant now) {
        return fireAfter(now).filter(next -> next.isBefore(backoffUntil)).orElse(backoffUntil);
    }

    @Override
    public void requireFutureFire(Instant now) {
        if (fireAfter(now).isEmpty()) {
            throw new UnusableScheduleException("schedule.expr",
                    "cron expression '" + expression + "' never fires (no such date)");
        }
    }

    @Override
    public String describe() {
        return CronDescriptor.instance(Locale.ENGLISH).describe(parsed) + " (" + zone.getId() + ")";
    }

    /**
     * The first fire strictly after {@code instant}. Matching is done on wall-clock times, then each
     * wall time is placed in the zone: one inside a DST gap fires at the end of the gap, one inside
     * an overlap fires at its first occurrence only.
     */
    public Optional<Instant> fireAfter(Instant instant) {
        LocalDateTime wallTime = LocalDateTime.ofInstant(instant, zone);
        ZoneOffsetTransition overlap = zone.getRules().getTransition(wallTime);
        if (overlap != null && overlap.isOverlap() && !instant.isBefore(overlap.getInstant())) {
            // In the second pass of an overlap, every wall time left in it already fired in the first pass:
            // go on from the overlap's end rather than step through them (a zone may repeat two hours).
            wallTime = overlap.getDateTimeBefore().minusSeconds(1);
        }
        for (int step = 0; step < MAX_WALL_TIME_STEPS; step++) {
            Optional<LocalDateTime> next = executionTime.nextExecution(wallTime.atZone(ZoneOffset.UTC))
                    .map(ZonedDateTime::toLocalDateTime);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            Instant fire = place(next.get());
            if (fire.isAfter(instant)) {
                return Optional.of(fire);
            }
            wallTime = next.get();
        }
        return Optional.empty();
    }

    private Instant place(LocalDateTime wallTime) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(wallTime);
        if (offsets.isEmpty()) {
            return rules.getTransition(wallTime).getInstant();
        }
        return wallTime.toInstant(offsets.get(0));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cron that && expression.equals(that.expression) && zone.equals(that.zone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(expression, zone);
    }

    @Override
    public String toString() {
        return "Cron[expr=" + expression + ", tz=" + zone.getId() + "]";
    }
}
