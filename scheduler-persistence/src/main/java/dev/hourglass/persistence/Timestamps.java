package dev.hourglass.persistence;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;

/**
 * Instants as stored: ISO-8601 in UTC with exactly three fraction digits and {@code Z}, so that text
 * order is time order. Reading is as strict as writing: any other shape is a bad value.
 */
final class Timestamps {

    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT)
            .withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** The stored text of {@code instant} (sub-millisecond digits are dropped); null stays null. */
    static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant);
    }

    static Instant parse(String text) {
        try {
            return FORMAT.parse(text, Instant::from);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an instant such as 2026-03-01T10:00:00.000Z");
        }
    }
}
