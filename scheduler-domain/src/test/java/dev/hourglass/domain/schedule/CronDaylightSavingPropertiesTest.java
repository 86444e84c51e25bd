package dev.hourglass.domain.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link Cron} against an oracle written from the text of CONTRACT §3, in zones with gaps and
 * overlaps (Berlin, New York, Lord Howe's half hour, Troll's two hours) and without (Tokyo, UTC).
 *
 * <p>The oracle shares no code with production. Expressions are generated together with the sets of
 * values their fields mean; the oracle then steps minute by minute through UTC, turns each instant
 * into local wall time and applies the rule as worded: a job whose minute or hour field starts with
 * {@code *} fires at every instant whose wall time matches; any other job fires at a matching wall
 * time only in its first pass, plus once at the instant a gap ends if a wall time inside the gap
 * matched. A day matches as in Vixie cron: either field may match when neither starts with {@code *}.
 */
class CronDaylightSavingPropertiesTest {

    /** One field as written, and the values it means (Sunday is 0, also when written 7). */
    record FieldSpec(String text, Set<Integer> values) {

        boolean star() {
            return text.startsWith("*");
        }

        @Override
        public String toString() {
            return text;
        }
    }

    record Expression(FieldSpec minute, FieldSpec hour, FieldSpec dayOfMonth, FieldSpec month, FieldSpec dayOfWeek) {

        String text() {
            return minute.text + " " + hour.text + " " + dayOfMonth.text + " " + month.text + " " + dayOfWeek.text;
        }

        boolean elapsed() {
            return minute.star() || hour.star();
        }

        boolean matches(LocalDateTime wall) {
            LocalDate date = wall.toLocalDate();
            boolean dom = dayOfMonth.values.contains(date.getDayOfMonth());
            boolean dow = dayOfWeek.values.contains(date.getDayOfWeek().getValue() % 7);
            boolean day = dayOfMonth.star() || dayOfWeek.star() ? dom && dow : dom || dow;
            return minute.values.contains(wall.getMinute()) && hour.values.contains(wall.getHour())
                    && month.values.contains(date.getMonthValue()) && day;
        }

        @Override
        public String toString() {
            return text();
        }
    }

    @Property(tries = 600)
    void fires_exactly_when_the_rule_says_on_the_days_the_clocks_change(
            @ForAll("zones") ZoneId zone,
            @ForAll("expressions") Expression expression,
            @ForAll @IntRange(min = 2024, max = 2034) int year,
            @ForAll @IntRange(min = 0, max = 1) int whichChange,
            @ForAll @IntRange(min = 0, max = 36 * 60 * 60 * 1000) int startMs) {
        Instant change = changeOf(zone, year, whichChange);
        Instant windowStart = change.minus(18, ChronoUnit.HOURS);
        Instant windowEnd = change.plus(30, ChronoUnit.HOURS);
        Instant start = windowStart.plusMillis(startMs);

        List<Instant> expected = oracle(expression, zone, start, windowEnd);
        List<Instant> actual = fires(Cron.of(expression.text(), zone), start, windowEnd);

        assertThat(actual).as("%s in %s after %s", expression, zone, start).isEqualTo(expected);
    }

    @Property(tries = 300)
    void a_day_matches_by_vixies_rule_over_years(
            @ForAll("dayExpressions") Expression expression,
            @ForAll("zones") ZoneId zone,
            @ForAll @IntRange(min = 0, max = 3650) int startDay) {
        Instant start = LocalDate.of(2024, 1, 1).plusDays(startDay).atStartOfDay(zone).toInstant();
        Instant end = start.plus(800, ChronoUnit.DAYS);

        List<Instant> expected = new ArrayList<>();
        LocalTime time = LocalTime.of(expression.hour.values.iterator().next(), expression.minute.values.iterator().next());
        for (LocalDate day = LocalDate.ofInstant(start, zone); !day.atTime(time).atZone(zone).toInstant().isAfter(end);
                day = day.plusDays(1)) {
            Instant fire = day.atTime(time).atZone(zone).toInstant();
            if (expression.matches(day.atTime(time)) && fire.isAfter(start)) {
                expected.add(fire);
            }
        }
        assertThat(fires(Cron.of(expression.text(), zone), start, end)).as("%s", expression).isEqualTo(expected);
    }

    // ---- the oracle --------------------------------------------------------------------------

    /** Every fire after {@code start} up to {@code end}, minute by minute through UTC. */
    private static List<Instant> oracle(Expression expression, ZoneId zone, Instant start, Instant end) {
        ZoneRules rules = zone.getRules();
        List<Instant> fires = new ArrayList<>();
        Instant minute = start.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        for (; !minute.isAfter(end); minute = minute.plus(1, ChronoUnit.MINUTES)) {
            ZoneOffset offset = rules.getOffset(minute);
            LocalDateTime wall = LocalDateTime.ofInstant(minute, offset);
            if (expression.elapsed()) {
                // Elapsed time: every instant whose wall time matches, both passes of a repeat.
                if (expression.matches(wall)) {
                    fires.add(minute);
                }
                continue;
            }
            // Wall-clock time: a repeated wall time fires in its first pass only...
            List<ZoneOffset> valid = rules.getValidOffsets(wall);
            boolean secondPass = valid.size() == 2 && offset.equals(valid.get(1));
            boolean fire = expression.matches(wall) && !secondPass;
            // ...and the wall times of a gap fire once, at the instant the gap ends.
            ZoneOffset before = rules.getOffset(minute.minus(1, ChronoUnit.MINUTES));
            if (before.getTotalSeconds() < offset.getTotalSeconds()) {
                for (LocalDateTime skipped = LocalDateTime.ofInstant(minute, before); skipped.isBefore(wall);
                        skipped = skipped.plusMinutes(1)) {
                    fire |= expression.matches(skipped);
                }
            }
            if (fire) {
                fires.add(minute);
            }
        }
        return fires;
    }

    private static List<Instant> fires(Cron cron, Instant start, Instant end) {
        List<Instant> fires = new ArrayList<>();
        Instant after = start;
        while (true) {
            Instant next = cron.fireAfter(after).orElse(null);
            if (next == null || next.isAfter(end)) {
                return fires;
            }
            assertThat(next).isAfter(after);
            fires.add(next);
            after = next;
        }
    }

    /** The spring or autumn change of {@code year}; for a zone without changes, noon of a day in that year. */
    private static Instant changeOf(ZoneId zone, int year, int which) {
        ZoneRules rules = zone.getRules();
        Instant yearStart = LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        ZoneOffsetTransition first = rules.nextTransition(yearStart);
        if (first == null) {
            return LocalDate.of(year, 3 + 7 * which, 29).atTime(12, 0).toInstant(ZoneOffset.UTC);
        }
        return which == 0 ? first.getInstant() : rules.nextTransition(first.getInstant()).getInstant();
    }

    // ---- expressions with their meanings -----------------------------------------------------

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of("Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Antarctica/Troll",
                "Asia/Tokyo", "UTC").map(ZoneId::of);
    }

    @Provide
    Arbitrary<Expression> expressions() {
        return Combinators.combine(
                field(0, 59, Arbitraries.of(0, 1, 15, 29, 30, 31, 45, 59), Arbitraries.of(2, 5, 7, 10, 15, 20, 30, 45)),
                // Hours around the changes: 0-4 local in these zones, and the day's edges.
                field(0, 23, Arbitraries.of(0, 1, 2, 3, 4, 5, 12, 23), Arbitraries.of(2, 3, 4, 5, 7)),
                Arbitraries.frequencyOf(
                        Tuple.of(6, Arbitraries.just(all("*", 1, 31))),
                        Tuple.of(2, field(1, 31, Arbitraries.integers().between(1, 31), Arbitraries.of(2, 3, 10)))),
                Arbitraries.frequencyOf(
                        Tuple.of(8, Arbitraries.just(all("*", 1, 12))),
                        Tuple.of(1, field(1, 12, Arbitraries.integers().between(1, 12), Arbitraries.of(2, 3, 6)))),
                Arbitraries.frequencyOf(
                        Tuple.of(5, Arbitraries.just(all("*", 0, 6))),
                        Tuple.of(2, dayOfWeek())))
                .as(Expression::new);
    }

    /** Fixed minute and hour, random days: one fire a matching day, so years can be walked. */
    @Provide
    Arbitrary<Expression> dayExpressions() {
        return Combinators.combine(
                Arbitraries.integers().between(0, 59).map(m -> single(m)),
                Arbitraries.integers().between(5, 23).map(h -> single(h)),
                Arbitraries.frequencyOf(
                        Tuple.of(1, Arbitraries.just(all("*", 1, 31))),
                        Tuple.of(4, field(1, 31, Arbitraries.integers().between(1, 31), Arbitraries.of(2, 3, 10)))),
                Arbitraries.frequencyOf(
                        Tuple.of(3, Arbitraries.just(all("*", 1, 12))),
                        Tuple.of(1, field(1, 12, Arbitraries.integers().between(1, 12), Arbitraries.of(2, 3, 6)))),
                Arbitraries.frequencyOf(
                        Tuple.of(1, Arbitraries.just(all("*", 0, 6))),
                        Tuple.of(3, dayOfWeek())))
                .as(Expression::new);
    }

    /** {@code *}, {@code *}/n, a value, a range, a stepped range, or a list of two parts. */
    private static Arbitrary<FieldSpec> field(int min, int max, Arbitrary<Integer> values, Arbitrary<Integer> steps) {
        Arbitrary<FieldSpec> range = Combinators.combine(values, values).as((a, b) -> range(Math.min(a, b), Math.max(a, b), 1));
        Arbitrary<FieldSpec> steppedRange = Combinators.combine(values, values, steps)
                .as((a, b, step) -> range(Math.min(a, b), Math.max(a, b), step));
        Arbitrary<FieldSpec> part = Arbitraries.oneOf(values.map(CronDaylightSavingPropertiesTest::single), range, steppedRange);
        return Arbitraries.oneOf(
                Arbitraries.just(all("*", min, max)),
                steps.map(step -> starStep(min, max, step)),
                values.map(CronDaylightSavingPropertiesTest::single),
                range,
                steppedRange,
                Combinators.combine(part, part).as(CronDaylightSavingPropertiesTest::list));
    }

    private static Arbitrary<FieldSpec> dayOfWeek() {
        Arbitrary<Integer> day = Arbitraries.integers().between(0, 7);
        return Arbitraries.oneOf(
                Arbitraries.just(sundayIsZero(range(1, 5, 1))),
                day.map(d -> sundayIsZero(single(d))),
                Combinators.combine(day, day).as((a, b) -> sundayIsZero(range(Math.min(a, b), Math.max(a, b), 1))),
                Arbitraries.of(2, 3).map(step -> sundayIsZero(starStep(0, 7, step))),
                Combinators.combine(day, day).as((a, b) -> sundayIsZero(list(single(a), single(b)))));
    }

    private static FieldSpec all(String text, int min, int max) {
        return new FieldSpec(text, IntStream.rangeClosed(min, max).boxed().collect(Collectors.toSet()));
    }

    private static FieldSpec starStep(int min, int max, int step) {
        return new FieldSpec("*/" + step, stepped(min, max, step));
    }

    private static FieldSpec single(int value) {
        return new FieldSpec(Integer.toString(value), Set.of(value));
    }

    private static FieldSpec range(int from, int to, int step) {
        return new FieldSpec(from + "-" + to + (step == 1 ? "" : "/" + step), stepped(from, to, step));
    }

    private static FieldSpec list(FieldSpec a, FieldSpec b) {
        Set<Integer> values = new TreeSet<>(a.values);
        values.addAll(b.values);
        return new FieldSpec(a.text + "," + b.text, values);
    }

    private static FieldSpec sundayIsZero(FieldSpec field) {
        return new FieldSpec(field.text, field.values.stream().map(day -> day % 7).collect(Collectors.toSet()));
    }

    private static Set<Integer> stepped(int from, int to, int step) {
        Set<Integer> values = new TreeSet<>();
        for (int value = from; value <= to; value += step) {
            values.add(value);
        }
        return values;
    }
}
