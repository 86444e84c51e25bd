package dev.hourglass.domain.schedule;

/** Milliseconds in the largest unit that divides them exactly: "5 minutes", "1500 milliseconds". */
public final class Durations {

    private static final long[] UNIT_MS = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
    private static final String[] UNIT_NAMES = {"day", "hour", "minute", "second", "millisecond"};

    private Durations() {
    }

    public static String describe(long millis) {
        for (int i = 0; i < UNIT_MS.length; i++) {
            if (millis % UNIT_MS[i] == 0) {
                long count = millis / UNIT_MS[i];
                return count == 1 ? UNIT_NAMES[i] : count + " " + UNIT_NAMES[i] + "s";
            }
        }
        throw new AssertionError("every millisecond count divides by 1");
    }
}
