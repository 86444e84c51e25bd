package dev.hourglass.http.archfixture;

import dev.hourglass.app.archfixture.WiringOutsideMain;

/** Breaks {@code nothing_depends_on_the_app}: an adapter reaching up into the composition root. */
public final class RouteThatCallsIntoTheApp {

    public Object wire() {
        return new WiringOutsideMain().store();
    }
}
