package dev.hourglass.http;

/**
 * How the HTTP API guards itself.
 *
 * @param apiToken     the bearer token every route but {@code /health} requires; null turns auth off
 *                     (the app then binds to loopback only, which is its decision, not this adapter's)
 * @param maxBodyBytes the largest request body accepted; larger bodies get 413
 * @param metricsPublic {@code GET /metrics} answers without the token (for a scraper on a trusted
 *                     network); off by default: the scrape needs the token like the API
 */
public record HttpSettings(String apiToken, long maxBodyBytes, boolean metricsPublic) {

    /** CONTRACT §7: a body over 64 KiB is refused. */
    public static final long DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    /**
     * The body limit of {@code POST .../batch} alone (CONTRACT §13), whatever {@code maxBodyBytes}
     * says: 1000 jobs of about 8 KiB each (a task of a few KiB, its name, schedule and options), or
     * fewer larger ones; a batch of 1000 jobs with 32 KiB tasks has to be sent in several batches.
     */
    public static final long BATCH_MAX_BODY_BYTES = 8 * 1024 * 1024;

    public HttpSettings {
        if (apiToken != null && apiToken.isBlank()) {
            throw new IllegalArgumentException("the API token must not be blank; pass null to turn auth off");
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
    }

    public HttpSettings(String apiToken, long maxBodyBytes) {
        this(apiToken, maxBodyBytes, false);
    }

    /** The same settings, with {@code GET /metrics} open to anyone or not. */
    public HttpSettings withMetricsPublic(boolean value) {
        return new HttpSettings(apiToken, maxBodyBytes, value);
    }

    /** No auth: every route is open. */
    public static HttpSettings open() {
        return new HttpSettings(null, DEFAULT_MAX_BODY_BYTES);
    }

    /** Every route but {@code /health} requires {@code Authorization: Bearer <token>}. */
    public static HttpSettings withToken(String apiToken) {
        if (apiToken == null) {
            throw new IllegalArgumentException("the API token must not be null; use HttpSettings.open() for no auth");
        }
        return new HttpSettings(apiToken, DEFAULT_MAX_BODY_BYTES);
    }

    public boolean authRequired() {
        return apiToken != null;
    }

    /** Never prints the token, so settings can be logged safely. */
    @Override
    public String toString() {
        return "HttpSettings[auth=" + (authRequired() ? "bearer token" : "off") + ", maxBodyBytes=" + maxBodyBytes
                + ", metricsPublic=" + metricsPublic + "]";
    }
}
