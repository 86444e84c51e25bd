package dev.hourglass.domain.schedule;

import dev.hourglass.domain.schedule.CronFields.Field;
import dev.hourglass.domain.schedule.CronFields.Part;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A cron expression in the English a person would write (CONTRACT §12.5): {@code 0 9 * * 1-5} is
 * "At 09:00 on Monday through Friday", {@code *}{@code /15 * * * *} "Every 15 minutes", and
 * {@code 0 0 13 * 5} "At 00:00 on day 13 of the month and on Friday", the Vixie OR made explicit.
 *
 * <p>The words come in three pieces: when in the day, on which days, in which months. Each piece
 * tries its common shapes first (a few exact times, a steady step through a window of hours) and
 * falls back to naming every part of the field as written, which is wordier but never wrong.
 */
final class CronDescription {

    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December"};
    private static final String[] DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "Saturday"};
    /** More exact times than this read better as a step or a window. */
    private static final int MAX_LISTED_TIMES = 8;
    /** More windows of hours than this read better as hours listed. */
    private static final int MAX_WINDOWS = 3;

    private CronDescription() {
    }

    static String of(CronFields fields) {
        List<String> times = exactTimes(fields);
        String time = times != null ? "At " + joined(times, "and") : timeInWords(fields.minute, fields.hour);
        String date = calendarDate(fields);
        if (date != null) {
            return time + " on " + date;
        }
        String days = days(fields);
        if (days.isEmpty() && times != null) {
            days = " every day";
        }
        return time + days + months(fields.month);
    }

    /** "February 29", "December 24 and 31": dates of one month, when the day of the week plays no part. */
    private static String calendarDate(CronFields fields) {
        if (!fields.month.onlySingleValues() || fields.month.values().length != 1
                || !fields.dayOfMonth.onlySingleValues()
                || !fields.dayOfWeek.startsWithStar() || !isEveryValue(fields.dayOfWeek)) {
            return null;
        }
        List<String> days = new ArrayList<>();
        for (int day : fields.dayOfMonth.values()) {
            days.add(Integer.toString(day));
        }
        return MONTHS[fields.month.values()[0] - 1] + " " + joined(days, "and");
    }

    // ---- when in the day ---------------------------------------------------------------------

    /** "09:00", "09:00 and 17:00": when both fields list a few single values; null otherwise. */
    private static List<String> exactTimes(CronFields fields) {
        if (!fields.minute.onlySingleValues() || !fields.hour.onlySingleValues()) {
            return null;
        }
        int[] minutes = fields.minute.values();
        int[] hours = fields.hour.values();
        if (minutes.length * hours.length > MAX_LISTED_TIMES) {
            return null;
        }
        List<String> times = new ArrayList<>();
        for (int hour : hours) {
            for (int minute : minutes) {
                times.add(clock(hour, minute));
            }
        }
        return times;
    }

    private static String timeInWords(Field minute, Field hour) {
        if (minute.parts.size() == 1 && !minute.parts.get(0).single()) {
            Part part = minute.parts.get(0);
            if (!hour.startsWithStar()) {
                List<String> windows = windows(part, hour);
                if (windows != null) {
                    return everyMinutes(part) + " from " + String.join(" and from ", windows);
                }
            }
            String every = everyMinutes(part)
                    + (part.star() ? "" : " from minute " + part.start() + " through " + lastValue(part));
            return isEveryValue(hour) ? every + (part.star() ? "" : " of every hour")
                    : every + " during " + inWords(hour, "hour", "hours", Integer::toString);
        }
        if (minute.onlySingleValues()) {
            String atMinutes = ", at " + inWords(minute, "minute", "minutes", Integer::toString);
            if (hour.parts.size() == 1 && hour.parts.get(0).star()) {
                int step = hour.parts.get(0).step();
                return (step == 1 ? "Every hour" : 24 % step == 0 ? "Every " + step + " hours"
                        : "Every " + ordinal(step) + " hour") + atMinutes;
            }
            int[] minutes = minute.values();
            List<int[]> runs = runs(hour.values());
            if (minutes.length == 1 && runs.size() <= MAX_WINDOWS && runs.stream().allMatch(run -> run[1] > run[0])) {
                List<String> windows = new ArrayList<>();
                for (int[] run : runs) {
                    windows.add(clock(run[0], minutes[0]) + " through " + clock(run[1], minutes[0]));
                }
                return "Every hour from " + String.join(" and from ", windows);
            }
        }
        return "At " + inWords(minute, "minute", "minutes", Integer::toString)
                + " past " + inWords(hour, "hour", "hours", Integer::toString);
    }

    /** "Every minute", "Every 15 minutes", or, for a step that does not divide the hour, "Every 7th minute". */
    private static String everyMinutes(Part part) {
        if (part.step() == 1) {
            return "Every minute";
        }
        return !part.star() || 60 % part.step() == 0 ? "Every " + part.step() + " minutes"
                : "Every " + ordinal(part.step()) + " minute";
    }

    /**
     * "09:00 through 17:55": the stretches of the day a stepping minute field covers. Across hours
     * only when the step runs evenly through the hour ({@code *}{@code /5}); otherwise one per hour.
     * Null when that would make more than a few.
     */
    private static List<String> windows(Part minutes, Field hour) {
        int first = minutes.start();
        int last = lastValue(minutes);
        boolean seamless = minutes.star() && 60 % minutes.step() == 0;
        List<int[]> runs = seamless ? runs(hour.values()) : singles(hour.values());
        if (runs.size() > MAX_WINDOWS) {
            return null;
        }
        List<String> windows = new ArrayList<>();
        for (int[] run : runs) {
            windows.add(clock(run[0], first) + " through " + clock(run[1], last));
        }
        return windows;
    }

    /** The last value a part matches: 55 for {@code *}{@code /5} of minutes, 9 for {@code 0-10/3}. */
    private static int lastValue(Part part) {
        return part.start() + (part.end() - part.start()) / part.step() * part.step();
    }

    // ---- on which days -----------------------------------------------------------------------

    private static String days(CronFields fields) {
        Field dom = fields.dayOfMonth;
        Field dow = fields.dayOfWeek;
        boolean everyDate = isEveryValue(dom);
        boolean everyWeekday = isEveryValue(dow);
        if (!dom.startsWithStar() && !dow.startsWithStar()) {
            // Vixie cron: with both fields restricted, a day matches when either does.
            return everyDate || everyWeekday ? "" : " on " + datesInWords(dom) + " and on " + weekdays(dow, "and");
        }
        // One of them starts with '*': a day must match both.
        if (everyDate && everyWeekday) {
            return "";
        }
        if (everyWeekday) {
            return " on " + datesInWords(dom);
        }
        if (everyDate) {
            return " on " + weekdays(dow, "and");
        }
        return " on " + datesInWords(dom) + ", if it falls on " + weekdays(dow, "or");
    }

    private static String datesInWords(Field dom) {
        return inWords(dom, "day", "days", Integer::toString) + " of the month";
    }

    /** Days of the week by name, steps spelled out: "Monday through Friday", "Sunday, Tuesday and Thursday". */
    private static String weekdays(Field dow, String conjunction) {
        List<String> words = new ArrayList<>();
        for (Part part : dow.parts) {
            if (part.range() && part.step() == 1) {
                words.add(DAYS[part.start() % 7] + " through " + DAYS[part.end() % 7]);
            } else {
                for (int day = part.start(); day <= part.end(); day += part.step()) {
                    String name = DAYS[day % 7];
                    if (!words.contains(name)) {
                        words.add(name);
                    }
                }
            }
        }
        return joined(words, conjunction);
    }

    // ---- in which months ---------------------------------------------------------------------

    private static String months(Field month) {
        if (isEveryValue(month)) {
            return "";
        }
        List<String> words = new ArrayList<>();
        for (Part part : month.parts) {
            if (part.range() && part.step() == 1) {
                words.add(MONTHS[part.start() - 1] + " through " + MONTHS[part.end() - 1]);
            } else {
                for (int m = part.start(); m <= part.end(); m += part.step()) {
                    words.add(MONTHS[m - 1]);
                }
            }
        }
        return " in " + joined(words, "and");
    }

    // ---- any field, part by part -------------------------------------------------------------

    /**
     * A field part by part, as written: "minute 5", "minutes 0 and 30", "hours 9 through 17",
     * "every 2nd hour", "every 10th minute from 10 through 50".
     */
    private static String inWords(Field field, String unit, String units, IntFunction<String> name) {
        List<String> plain = new ArrayList<>();
        List<String> stepped = new ArrayList<>();
        int plainValues = 0;
        for (Part part : field.parts) {
            if (part.star()) {
                stepped.add(part.step() == 1 ? "every " + unit : "every " + ordinal(part.step()) + " " + unit);
            } else if (part.single()) {
                plain.add(name.apply(part.start()));
                plainValues++;
            } else if (part.step() == 1) {
                plain.add(name.apply(part.start()) + " through " + name.apply(part.end()));
                plainValues += 2;
            } else {
                stepped.add("every " + ordinal(part.step()) + " " + unit + " from " + name.apply(part.start())
                        + " through " + name.apply(part.end()));
            }
        }
        List<String> words = new ArrayList<>();
        if (!plain.isEmpty()) {
            words.add((plainValues == 1 ? unit : units) + " " + joined(plain, "and"));
        }
        words.addAll(stepped);
        return joined(words, "and");
    }

    /** Whether the field matches every value of its range, however it is written ({@code *}, {@code *}{@code /1}, {@code 0-59}). */
    private static boolean isEveryValue(Field field) {
        int count = field.kind == CronFields.Kind.DAY_OF_WEEK ? 7 : field.kind.max - field.kind.min + 1;
        return field.values().length == count;
    }

    /** Consecutive values as {first, last} pairs: 9,10,11,14 gives [9,11] and [14,14]. */
    private static List<int[]> runs(int[] values) {
        List<int[]> runs = new ArrayList<>();
        for (int value : values) {
            int[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last[1] == value - 1) {
                last[1] = value;
            } else {
                runs.add(new int[] {value, value});
            }
        }
        return runs;
    }

    private static List<int[]> singles(int[] values) {
        return Arrays.stream(values).mapToObj(value -> new int[] {value, value}).toList();
    }

    private static String clock(int hour, int minute) {
        return (hour < 10 ? "0" : "") + hour + ":" + (minute < 10 ? "0" : "") + minute;
    }

    /** 1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, ..., 21st. */
    static String ordinal(int n) {
        String[] suffixes = {"th", "st", "nd", "rd", "th", "th", "th", "th", "th", "th"};
        return n + (n % 100 >= 11 && n % 100 <= 13 ? "th" : suffixes[n % 10]);
    }

    /** "a", "a and b", "a, b and c". */
    private static String joined(List<String> words, String conjunction) {
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " " + conjunction + " "
                + words.get(words.size() - 1);
    }
}
