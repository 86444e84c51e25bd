package dev.hourglass.domain.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import dev.hourglass.domain.error.UnusableScheduleException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Fires on a standard 5-field cron expression (minute hour day-of-month month day-of-week) in a
 * time zone, with cronie's daylight-saving rules (CONTRACT §3):
 * <ul>
 * <li>a job whose minute or hour field starts with {@code *} runs on <em>elapsed time</em>: it fires
 *     at every instant whose local wall time matches, so in a repeated hour it fires in both passes
 *     and wall times inside a gap do not occur;</li>
 * <li>any other job runs on <em>wall-clock time</em>: a fire inside a gap happens once, at the end of
 *     the gap, and a fire inside a repeated hour happens once, in the first pass.</li>
 * </ul>
 * A day matches as in Vixie cron: when day-of-month and day-of-week both do not start with
 * {@code *}, either may match; otherwise both must.
 */
public final class Cron implements Schedule {

    public static final String KIND = "cron";

    /** cron-utils judges the grammar, so refusals read as they always have; {@link CronFields} matches. */
    private static final CronParser PARSER =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final Pattern FIELD_SEPARATOR = Pattern.compile("\\s+");
    /**
     * How far ahead a fire is looked for. The Gregorian calendar repeats every 400 years, so an
     * expression with no fire in 401 years never fires.
     */
    private static final int SEARCH_YEARS = 401;

    private final String expression;
    private final ZoneId zone;
    private final CronFields fields;

    /**
     * Parsed expressions by text. The store turns every due row back into a schedule, and parsing
     * costs far more than the lookup; the few distinct expressions a deployment uses stay cached.
     */
    private static final Map<String, CronFields> PARSED = new ConcurrentHashMap<>();
    private static final int MAX_CACHED = 4096;

    private Cron(String expression, ZoneId zone, CronFields fields) {
        this.expression = expression;
        this.zone = zone;
        this.fields = fields;
    }

    /** Parses a 5-field expression; refuses 6 or 7 fields and {@code @} nicknames. */
    public static Cron of(String expression, ZoneId zone) {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(zone, "zone");
        String trimmed = expression.trim();
        CronFields known = PARSED.get(trimmed);
        if (known != null) {
            return new Cron(trimmed, zone, known);
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
            PARSER.parse(trimmed).validate();
            CronFields parsed = CronFields.parse(trimmed);
            if (PARSED.size() >= MAX_CACHED) {
                PARSED.clear();
            }
            PARSED.put(trimmed, parsed);
            return new Cron(trimmed, zone, parsed);
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
        return CronDescription.of(fields) + " (" + zoneName() + ")";
    }

    /** The zone as people write it: a region by its id, a fixed offset as "UTC" or "UTC+05:30", never "Z". */
    private String zoneName() {
        if (zone instanceof ZoneOffset offset) {
            return offset.getTotalSeconds() == 0 ? "UTC" : "UTC" + offset.getId();
        }
        return zone.getId();
    }

    /**
     * The first fire strictly after {@code instant}; empty when the expression never fires again
     * (or not within the instants java.time can hold).
     */
    public Optional<Instant> fireAfter(Instant instant) {
        try {
            return Optional.ofNullable(search(instant));
        } catch (DateTimeException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /**
     * Walks the zone's stretches of constant offset from {@code after} on. Within one stretch wall
     * time runs evenly, so the first matching wall time in it is its first fire; a stretch entered
     * through a transition adds cronie's wall-clock rules for a job on wall-clock time.
     */
    private Instant search(Instant after) {
        ZoneRules rules = zone.getRules();
        LocalDateTime horizon = LocalDateTime.ofInstant(after, ZoneOffset.UTC).plusYears(SEARCH_YEARS);
        boolean wallClock = !fields.runsOnElapsedTime();
        ZoneOffset offset = rules.getOffset(after);
        // The transition that began the stretch holding 'after' (at or before it), if any.
        ZoneOffsetTransition entered = rules.previousTransition(after.plusNanos(1));
        LocalDateTime from = LocalDateTime.ofInstant(after, offset).plusNanos(1);
        boolean first = true;
        while (true) {
            if (wallClock && entered != null) {
                if (entered.isGap() && !first
                        && fields.firstMatch(entered.getDateTimeBefore(), entered.getDateTimeAfter()) != null) {
                    // Wall times the clocks skipped: the job fires once, as the gap ends.
                    return entered.getInstant();
                }
                if (entered.isOverlap() && from.isBefore(entered.getDateTimeBefore())) {
                    // The repeated wall times fired in the first pass; this second pass skips them.
                    from = entered.getDateTimeBefore();
                }
            }
            ZoneOffsetTransition next = rules.nextTransition(first ? after : entered.getInstant());
            LocalDateTime until = next == null || horizon.isBefore(next.getDateTimeBefore())
                    ? horizon : next.getDateTimeBefore();
            LocalDateTime match = fields.firstMatch(from, until);
            if (match != null) {
                return match.toInstant(offset);
            }
            if (until.equals(horizon)) {
                return null;
            }
            entered = next;
            offset = next.getOffsetAfter();
            from = next.getDateTimeAfter();
            first = false;
        }
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
