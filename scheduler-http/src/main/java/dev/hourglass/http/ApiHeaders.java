package dev.hourglass.http;

import io.javalin.http.Context;

/** The headers every API answer carries, errors included. */
final class ApiHeaders {

    static final String JSON = "application/json";

    private ApiHeaders() {
    }

    static void apply(Context ctx) {
        ctx.contentType(JSON);
        ctx.header("Cache-Control", "no-store");
    }
}
