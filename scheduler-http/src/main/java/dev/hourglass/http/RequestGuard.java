package dev.hourglass.http;

import io.javalin.http.Context;
import java.util.function.Predicate;

/**
 * Runs before every route: sets the API headers, checks the bearer token (all paths but
 * {@code /health}, the OpenAPI document, {@code /metrics} when public, and the requests {@code open}
 * lets through: the dashboard's static files), records
 * the principal, and refuses a declared body over the limit before it is read (the batch route's
 * own, {@link HttpSettings#BATCH_MAX_BODY_BYTES}, on it). A body without a declared length is cut
 * off at the same limit while it is read.
 */
final class RequestGuard {

    private final BearerAuth auth;
    private final long maxBodyBytes;
    private final Predicate<Context> open;
    private final boolean metricsPublic;

    RequestGuard(BearerAuth auth, long maxBodyBytes, Predicate<Context> open) {
        this(auth, maxBodyBytes, open, false);
    }

    RequestGuard(BearerAuth auth, long maxBodyBytes, Predicate<Context> open, boolean metricsPublic) {
        this.metricsPublic = metricsPublic;
        this.auth = auth;
        this.maxBodyBytes = maxBodyBytes;
        this.open = open;
    }

    void check(Context ctx) {
        ApiHeaders.apply(ctx);
        if (!needsNoToken(ctx.path()) && !open.test(ctx) && !(metricsPublic && MetricsRoutes.isMetrics(ctx.path()))) {
            String principal = auth.principal(ctx.header("Authorization")).orElseThrow(ApiException::unauthorized);
            Principal.set(ctx, principal);
        }
        long limit = JobRoutes.isBatch(ctx.path()) ? HttpSettings.BATCH_MAX_BODY_BYTES : maxBodyBytes;
        if (ctx.contentLength() > limit) {
            throw ApiException.payloadTooLarge(limit);
        }
        // Javalin decodes path parameters itself and throws on a broken escape: a path that cannot be
        // decoded names nothing here.
        String rawPath = ctx.req().getRequestURI();
        if (rawPath != null && BROKEN_ESCAPE.matcher(rawPath).find()) {
            throw ApiException.notFound("no such path: its percent-escapes cannot be decoded");
        }
    }

    /** A percent sign not followed by two hex digits. */
    private static final java.util.regex.Pattern BROKEN_ESCAPE = java.util.regex.Pattern.compile("%(?![0-9A-Fa-f]{2})");

    private static boolean needsNoToken(String path) {
        return path.equals("/health") || path.equals("/health/") || OpenApiRoutes.isDocument(path);
    }
}
