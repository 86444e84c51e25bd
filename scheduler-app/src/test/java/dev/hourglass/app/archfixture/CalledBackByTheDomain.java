package dev.hourglass.app.archfixture;

import dev.hourglass.domain.archfixture.CallsBackIntoTheApp;

/** The app half of the module cycle that {@link CallsBackIntoTheApp} starts. */
public final class CalledBackByTheDomain {

    public void fired(CallsBackIntoTheApp domain) {
        domain.hashCode();
    }
}
