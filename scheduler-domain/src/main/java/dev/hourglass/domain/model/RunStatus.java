package dev.hourglass.domain.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a run ended. {@code interrupted}: the process running it died or stopped; the run fires again
 * with the same run id. {@code superseded}: its claim had been taken over by another instance when
 * its outcome arrived, so the outcome changed nothing but the history.
 */
public enum RunStatus {
    OK, ERROR, INTERRUPTED, SUPERSEDED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RunStatus> fromWireName(String text) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(text)).findFirst();
    }
}
