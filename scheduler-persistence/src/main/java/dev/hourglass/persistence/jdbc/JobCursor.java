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
 */
record JobCursor(Instant createdAt, long seq) {

    private static final String VERSION = "v1";

    String encode() {
        String plain = VERSION + ":" + createdAt.toEpochMilli() + ":" + seq;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    static JobCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":", -1);
            if (parts.length == 3 && parts[0].equals(VERSION)) {
                return new JobCursor(Instant.ofEpochMilli(Long.parseLong(parts[1])), Long.parseLong(parts[2]));
            }
        } catch (IllegalArgumentException e) {
            // not base64, or not numbers: refused below
        }
        throw InvalidInputException.unknownCursor();
    }
}
