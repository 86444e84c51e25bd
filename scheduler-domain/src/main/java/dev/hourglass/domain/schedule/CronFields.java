package dev.hourglass.domain.schedule;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The five fields of a cron expression as written (for words) and as sets of values (for
 * matching wall-clock times). Matching knows nothing of zones: {@link Cron} places the wall times.
 *
 * <p>A field "starts with {@code *}" in cronie's sense when its text does ({@code *}, {@code *}/15):
 * that decides both the day rule (day-of-month and day-of-week must both match when either starts
 * with {@code *}, either may match when neither does) and the daylight-saving rule of CONTRACT §3
 * (a minute or hour field starting with {@code *} runs on elapsed time).
 */
final class CronFields {

    /** The fields in expression order, with their ranges and the names they accept. */
    enum Kind {
        MINUTE(0, 59, null),
        HOUR(0, 23, null),
        DAY_OF_MONTH(1, 31, null),
        MONTH(1, 12, new String[] {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}),
        /** 0 and 7 are both Sunday. */
        DAY_OF_WEEK(0, 7, new String[] {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"});

        final int min;
        final int max;
        private final String[] names;

        Kind(int min, int max, String[] names) {
            this.min = min;
            this.max = max;
            this.names = names;
        }

        private int value(String text) {
            if (names != null) {
                int index = Arrays.asList(names).indexOf(text.toUpperCase(Locale.ROOT));
                if (index >= 0) {
                    return index + min;
                }
            }
            if (text.isEmpty() || !text.chars().allMatch(Character::isDigit) || text.length() > 2) {
                throw new IllegalArgumentException("'" + text + "' is not a value of the " + label() + " field");
            }
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException(label() + " must be " + min + " to " + max + ", got " + value);
            }
            return value;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One comma-separated part: {@code *}, a value, or a range, each with a step (1 when none is
     * written). A value with a step ({@code 5/15}) runs to the end of the field's range.
     */
    record Part(boolean star, int start, int end, int step, boolean range) {

        boolean single() {
            return !star && !range;
        }
    }

    /** One field: its text, its parts in written order, and the values it matches. */
    static final class Field {

        final Kind kind;
        final String text;
        final List<Part> parts;
        private final BitSet values;

        private Field(Kind kind, String text, List<Part> parts, BitSet values) {
            this.kind = kind;
            this.text = text;
            this.parts = List.copyOf(parts);
            this.values = values;
        }

        boolean startsWithStar() {
            return text.startsWith("*");
        }

        boolean matches(int value) {
            return values.get(value);
        }

        /** Matched values in ascending order (Sunday is 0 for day-of-week). */
        int[] values() {
            return values.stream().toArray();
        }

        boolean onlySingleValues() {
            return parts.stream().allMatch(Part::single);
        }
    }

    private static final Pattern LIST = Pattern.compile(",", Pattern.LITERAL);
    private static final Pattern FIELDS = Pattern.compile("\\s+");
    private static final int MINUTES_PER_DAY = 24 * 60;

    final Field minute;
    final Field hour;
    final Field dayOfMonth;
    final Field month;
    final Field dayOfWeek;
    /** Minutes of the day (hour * 60 + minute) that match, ascending. */
    private final int[] minutesOfDay;

    private CronFields(Field minute, Field hour, Field dayOfMonth, Field month, Field dayOfWeek) {
        this.minute = minute;
        this.hour = hour;
        this.dayOfMonth = dayOfMonth;
        this.month = month;
        this.dayOfWeek = dayOfWeek;
        this.minutesOfDay = Arrays.stream(hour.values())
                .flatMap(h -> Arrays.stream(minute.values()).map(m -> h * 60 + m))
                .toArray();
    }

    /**
     * Reads five whitespace-separated fields: lists of {@code *}, values (numbers, or English
     * three-letter names for months and days) and ranges, each optionally with a {@code /} step.
     *
     * @throws IllegalArgumentException naming what does not read
     */
    static CronFields parse(String expression) {
        String[] texts = FIELDS.split(expression.trim());
        if (texts.length != 5) {
            throw new IllegalArgumentException("expected 5 fields, found " + texts.length);
        }
        Kind[] kinds = Kind.values();
        Field[] fields = new Field[5];
        for (int i = 0; i < 5; i++) {
            fields[i] = field(kinds[i], texts[i]);
        }
        return new CronFields(fields[0], fields[1], fields[2], fields[3], fields[4]);
    }

    private static Field field(Kind kind, String text) {
        List<Part> parts = new ArrayList<>();
        BitSet values = new BitSet();
        for (String partText : LIST.split(text, -1)) {
            Part part = part(kind, partText);
            parts.add(part);
            for (int value = part.start(); value <= part.end(); value += part.step()) {
                values.set(kind == Kind.DAY_OF_WEEK ? value % 7 : value);
            }
        }
        return new Field(kind, text, parts, values);
    }

    private static Part part(Kind kind, String text) {
        int slash = text.indexOf('/');
        String base = slash < 0 ? text : text.substring(0, slash);
        int step = 1;
        if (slash >= 0) {
            String stepText = text.substring(slash + 1);
            if (stepText.isEmpty() || stepText.length() > 2 || !stepText.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(stepText) == 0) {
                throw new IllegalArgumentException("'" + text + "' has no usable step in the " + kind.label() + " field");
            }
            step = Integer.parseInt(stepText);
        }
        if (base.equals("*")) {
            return new Part(true, kind.min, kind.max, step, false);
        }
        int dash = base.indexOf('-');
        if (dash < 0) {
            int value = kind.value(base);
            return slash < 0 ? new Part(false, value, value, 1, false) : new Part(false, value, kind.max, step, true);
        }
        int start = kind.value(base.substring(0, dash));
        int end = kind.value(base.substring(dash + 1));
        if (end < start) {
            throw new IllegalArgumentException("range " + base + " of the " + kind.label() + " field runs backwards");
        }
        return new Part(false, start, end, step, true);
    }

    /** CONTRACT §3: a minute or hour field starting with {@code *} runs on elapsed time, not wall-clock time. */
    boolean runsOnElapsedTime() {
        return minute.startsWithStar() || hour.startsWithStar();
    }

    boolean matchesDay(LocalDate date) {
        if (!month.matches(date.getMonthValue())) {
            return false;
        }
        boolean dom = dayOfMonth.matches(date.getDayOfMonth());
        boolean dow = dayOfWeek.matches(date.getDayOfWeek().getValue() % 7);
        return dayOfMonth.startsWithStar() || dayOfWeek.startsWithStar() ? dom && dow : dom || dow;
    }

    /**
     * The first matching wall time at or after {@code from} (rounded up to a whole minute) and
     * before {@code until}; null when there is none in between.
     */
    LocalDateTime firstMatch(LocalDateTime from, LocalDateTime until) {
        LocalDateTime start = from.truncatedTo(ChronoUnit.MINUTES);
        if (start.isBefore(from)) {
            start = start.plusMinutes(1);
        }
        LocalDate date = start.toLocalDate();
        int fromMinute = start.getHour() * 60 + start.getMinute();
        while (date.atStartOfDay().isBefore(until)) {
            if (!month.matches(date.getMonthValue())) {
                date = date.withDayOfMonth(1).plusMonths(1);
                fromMinute = 0;
                continue;
            }
            if (matchesDay(date)) {
                int minuteOfDay = firstMinuteOfDay(fromMinute);
                if (minuteOfDay < MINUTES_PER_DAY) {
                    LocalDateTime match = date.atTime(minuteOfDay / 60, minuteOfDay % 60);
                    return match.isBefore(until) ? match : null;
                }
            }
            date = date.plusDays(1);
            fromMinute = 0;
        }
        return null;
    }

    /** The first matching minute of a matching day at or after {@code fromMinute}; a whole day if none. */
    private int firstMinuteOfDay(int fromMinute) {
        int index = Arrays.binarySearch(minutesOfDay, fromMinute);
        if (index < 0) {
            index = -index - 1;
        }
        return index < minutesOfDay.length ? minutesOfDay[index] : MINUTES_PER_DAY;
    }
}
