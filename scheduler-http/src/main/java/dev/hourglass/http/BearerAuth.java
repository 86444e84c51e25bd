package dev.hourglass.http;

import dev.hourglass.domain.model.Actor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Checks {@code Authorization: Bearer <token>}. Only SHA-256 digests are compared, with
 * {@link MessageDigest#isEqual}, so neither the token's content nor its length leaks through timing.
 * The token itself is never kept in a string that could be logged.
 */
final class BearerAuth {

    private static final String SCHEME = "Bearer ";

    /** Null when auth is off. */
    private final byte[] expectedDigest;

    private BearerAuth(byte[] expectedDigest) {
        this.expectedDigest = expectedDigest;
    }

    static BearerAuth from(HttpSettings settings) {
        return new BearerAuth(settings.authRequired() ? sha256(settings.apiToken()) : null);
    }

    /**
     * The principal the request acts as, or empty when it must be refused. There are no identities:
     * whoever holds the token, or anyone when auth is off, acts as {@code user}.
     */
    Optional<String> principal(String authorizationHeader) {
        if (expectedDigest == null) {
            return Optional.of(Actor.USER);
        }
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        byte[] presented = sha256(authorizationHeader.substring(SCHEME.length()).strip());
        return MessageDigest.isEqual(expectedDigest, presented) ? Optional.of(Actor.USER) : Optional.empty();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
