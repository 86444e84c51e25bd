package dev.hourglass.app.archfixture;

import jakarta.inject.Inject;

/**
 * Breaks {@code no_field_injection}. ({@code jakarta.inject} reaches the test class path with
 * Jetty's annotation support, through Javalin.)
 */
public final class HasAnInjectedField {

    @Inject
    private Runnable runner;

    public Runnable runner() {
        return runner;
    }
}
