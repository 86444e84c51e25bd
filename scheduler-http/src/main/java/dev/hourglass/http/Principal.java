package dev.hourglass.http;

import io.javalin.http.Context;

/** The authenticated principal of a request, set by the guard and passed to use cases as the actor. */
final class Principal {

    private static final String ATTRIBUTE = "hourglass.principal";

    private Principal() {
    }

    static void set(Context ctx, String principal) {
        ctx.attribute(ATTRIBUTE, principal);
    }

    static String of(Context ctx) {
        String principal = ctx.attribute(ATTRIBUTE);
        if (principal == null) {
            throw new IllegalStateException("no principal: the request guard did not run");
        }
        return principal;
    }
}
