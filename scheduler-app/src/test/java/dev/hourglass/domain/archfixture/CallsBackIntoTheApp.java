package dev.hourglass.domain.archfixture;

import dev.hourglass.app.archfixture.CalledBackByTheDomain;

/** With {@link CalledBackByTheDomain}, breaks {@code modules_are_free_of_cycles}: domain -> app -> domain. */
public final class CallsBackIntoTheApp {

    public void fire(CalledBackByTheDomain app) {
        app.fired(this);
    }
}
