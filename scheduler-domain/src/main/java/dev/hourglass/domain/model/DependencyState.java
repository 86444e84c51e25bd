package dev.hourglass.domain.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The state of a dependency's breaker (CONTRACT §11.1): {@code closed} lets its jobs fire,
 * {@code open} holds them, {@code half_open} lets one of them fire as the probe.
 */
public enum DependencyState {
    CLOSED, OPEN, HALF_OPEN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DependencyState> fromWireName(String text) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(text)).findFirst();
    }

    /** Whether the jobs of a dependency in this state are held. */
    public boolean holds() {
        return this != CLOSED;
    }
}
