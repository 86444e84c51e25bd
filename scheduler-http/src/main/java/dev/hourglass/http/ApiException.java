package dev.hourglass.http;

import java.util.Locale;

/**
 * A refusal made by the adapter itself (JSON shape, auth, limits, routing), as opposed to one the
 * domain makes. Carries the HTTP status and the wire code; never a stack trace.
 */
final class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static ApiException invalidJson(String message) {
        return new ApiException(400, "invalid_json", message);
    }

    static ApiException invalidRequest(String message) {
        return new ApiException(400, "invalid_request", message);
    }

    /** A field of the wrong JSON type; {@code expected} reads like "a string" or "true or false". */
    static ApiException wrongType(String field, String expected, String actualType) {
        return invalidRequest(field + " must be " + expected + ", got " + article(actualType));
    }

    static ApiException unauthorized() {
        return new ApiException(401, "unauthorized", "missing or wrong bearer token: send 'Authorization: Bearer <token>'");
    }

    static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    static ApiException methodNotAllowed(String method, String path) {
        return new ApiException(405, "method_not_allowed", method + " is not allowed on " + path);
    }

    static ApiException payloadTooLarge(long maxBytes) {
        return new ApiException(413, "payload_too_large",
                "request body exceeds the limit of " + maxBytes + " bytes (" + maxBytes / 1024 + " KiB)");
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    private static String article(String type) {
        String lower = type.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "null" -> "null";
            case "array", "object" -> "an " + lower;
            default -> "a " + lower;
        };
    }
}
