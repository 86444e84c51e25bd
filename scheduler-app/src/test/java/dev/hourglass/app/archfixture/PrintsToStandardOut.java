package dev.hourglass.app.archfixture;

/** Breaks {@code no_standard_streams_outside_the_entry_point}: a runner printing instead of logging. */
public final class PrintsToStandardOut {

    public void fired(String task) {
        System.out.println("fired " + task);
    }
}
