package dev.hourglass.persistence.jdbc;

import dev.hourglass.domain.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of the newest-first listing ended: the last job's creation instant and its row's
 * {@code seq}, the order's own key, so that rows created or deleted between pages shift nothing.
 * Opaque to callers (base64url of {@code v1:<millis>:<seq>}), refused naming {@code cursor} when it
 * is not one a store gave out.
 *
 * <p>A row whose {@code created_at} is no instant (a hand-edited SQLite file) is skipped by the
 * listing and may still end a page; when it is text or a blob, its cursor keeps the value as stored
 * ({@code t1:} or {@code b1:}, the bytes as base64url), which SQLite compares as it sorts it. Only
 * SQLite holds such rows, so only its store takes such a cursor back.
 */
record JobCursor(Instant createdAt, Object stored, long seq) {

    private static final String INSTANT = "v1";
    private static final String TEXT = "t1";
    private static final String BLOB = "b1";

    static JobCursor at(Instant createdAt, long seq) {
        return new JobCursor(createdAt, null, seq);
    }

    /** After a row whose {@code created_at} is stored as {@code value}; null unless it is text or a blob. */
    static JobCursor atStored(Object value, long seq) {
        return value instanceof String || value instanceof byte[] ? new JobCursor(null, value, seq) : null;
    }

    /** What to bind for the cursor's {@code created_at} in {@code values}' spelling. */
    Object boundCreatedAt(SqlValues values) {
        if (stored == null) {
            return values.instant(createdAt);
        }
        if (values != SqlValues.SQLITE) {
            throw InvalidInputException.unknownCursor();
        }
        return stored;
    }

    String encode() {
        String plain;
        if (stored instanceof String text) {
            plain = TEXT + ":" + base64(text.getBytes(StandardCharsets.UTF_8)) + ":" + seq;
        } else if (stored instanceof byte[] blob) {
            plain = BLOB + ":" + base64(blob) + ":" + seq;
        } else {
            plain = INSTANT + ":" + createdAt.toEpochMilli() + ":" + seq;
        }
        return base64(plain.getBytes(StandardCharsets.US_ASCII));
    }

    static JobCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":", -1);
            if (parts.length == 3) {
                long seq = Long.parseLong(parts[2]);
                switch (parts[0]) {
                    case INSTANT:
                        return at(Instant.ofEpochMilli(Long.parseLong(parts[1])), seq);
                    case TEXT:
                        return atStored(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8), seq);
                    case BLOB:
                        return atStored(Base64.getUrlDecoder().decode(parts[1]), seq);
                    default:
                        break;
                }
            }
        } catch (IllegalArgumentException e) {
            // not base64, or not numbers: refused below
        }
        throw InvalidInputException.unknownCursor();
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
