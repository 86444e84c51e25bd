package dev.hourglass.persistence.jdbc;

import dev.hourglass.domain.model.Instants;
import java.time.DateTimeException;
import java.time.Instant;

/** Instants as stored: the contract's text form ({@link Instants#format}), read back as strictly. */
public final class Timestamps {

    private Timestamps() {
    }

    /** The stored text of {@code instant} (sub-millisecond digits are dropped); null stays null. */
    public static String format(Instant instant) {
        return instant == null ? null : Instants.format(instant);
    }

    public static Instant parse(String text) {
        try {
            return Instants.parse(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not an instant such as 2026-03-01T10:00:00.000Z");
        }
    }
}
