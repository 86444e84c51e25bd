package dev.hourglass.persistence.jdbc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * How a database spells the two values the stores keep differently: instants and booleans. SQLite
 * has neither type and keeps ISO-8601 text and 0/1; PostgreSQL has {@code timestamptz} and
 * {@code boolean}. The binders take one of these; the readers ({@link Columns}) accept either form.
 */
public enum SqlValues {

    /** Instants as ISO-8601 UTC text with milliseconds (text order is time order), booleans as 0 and 1. */
    SQLITE {
        @Override
        public Object instant(Instant instant) {
            return Timestamps.format(instant);
        }

        @Override
        public Object flag(boolean value) {
            return value ? 1 : 0;
        }
    },

    /** Instants as {@code timestamptz} at millisecond precision, booleans as {@code boolean}. */
    POSTGRES {
        @Override
        public Object instant(Instant instant) {
            return instant == null ? null
                    : OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
        }

        @Override
        public Object flag(boolean value) {
            return value;
        }
    };

    /** The value to bind for {@code instant}; null stays null. */
    public abstract Object instant(Instant instant);

    public abstract Object flag(boolean value);
}
