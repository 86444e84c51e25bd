package dev.hourglass.domain.model;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Instants at the precision the contract keeps, milliseconds, and their one text form: ISO-8601
 * in UTC with exactly three fraction digits and {@code Z} ({@code 2026-12-01T08:00:00.000Z}), in
 * JSON and in storage alike, so that text order is time order.
 *
 * <p>Every job carries several instants and thousands of jobs a second are read, written and
 * sent, so the common shape (a four-digit year) is formatted and parsed by hand;
 * {@link DateTimeFormatter} defines the rules and takes the rest.
 */
public final class Instants {

    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT)
            .withZone(ZoneOffset.UTC);
    private static final String LAYOUT = "0000-00-00T00:00:00.000Z";

    private Instants() {
    }

    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The text of {@code instant}; sub-millisecond digits are dropped. */
    public static String format(Instant instant) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        if (time.getYear() < 0 || time.getYear() > 9999) {
            return FORMAT.format(instant);
        }
        char[] text = LAYOUT.toCharArray();
        digits(text, 0, 4, time.getYear());
        digits(text, 5, 2, time.getMonthValue());
        digits(text, 8, 2, time.getDayOfMonth());
        digits(text, 11, 2, time.getHour());
        digits(text, 14, 2, time.getMinute());
        digits(text, 17, 2, time.getSecond());
        digits(text, 20, 3, time.getNano() / 1_000_000);
        return new String(text);
    }

    /**
     * Reads the text form back, as strictly as it is written.
     *
     * @throws DateTimeException for any other shape or an impossible date
     */
    public static Instant parse(String text) {
        if (!hasLayout(text)) {
            return FORMAT.parse(text, Instant::from);
        }
        return LocalDateTime.of(number(text, 0, 4), number(text, 5, 2), number(text, 8, 2), number(text, 11, 2),
                number(text, 14, 2), number(text, 17, 2), number(text, 20, 3) * 1_000_000).toInstant(ZoneOffset.UTC);
    }

    private static boolean hasLayout(String text) {
        if (text.length() != LAYOUT.length()) {
            return false;
        }
        for (int i = 0; i < LAYOUT.length(); i++) {
            char expected = LAYOUT.charAt(i);
            char actual = text.charAt(i);
            if (expected == '0' ? actual < '0' || actual > '9' : actual != expected) {
                return false;
            }
        }
        return true;
    }

    private static void digits(char[] text, int at, int width, int value) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static int number(String text, int at, int width) {
        int value = 0;
        for (int i = at; i < at + width; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }
}
