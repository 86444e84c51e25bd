package dev.hourglass.app.archfixture;

/** Breaks {@code no_generic_exceptions}. */
public final class ThrowsAGenericException {

    public void fail() {
        throw new RuntimeException("something went wrong");
    }
}
