package dev.hourglass.domain.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an alert is about; the wire name is the {@code "kind"} of the alert's POST. */
public enum AlertKind {
    JOB_FAILED, DEPENDENCY_OPEN, DEPENDENCY_CLOSED, INCIDENT_OPEN, INCIDENT_RESOLVED, JOB_STALE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AlertKind> fromWireName(String text) {
        return Arrays.stream(values()).filter(k -> k.wireName().equals(text)).findFirst();
    }
}
