package dev.hourglass.http.archfixture;

import org.jdbi.v3.core.Jdbi;

/** Breaks {@code http_uses_only_the_domain_javalin_and_jackson}: JDBI is not an http dependency. */
public final class RouteThatOpensTheDatabase {

    public Jdbi open(String url) {
        return Jdbi.create(url);
    }
}
