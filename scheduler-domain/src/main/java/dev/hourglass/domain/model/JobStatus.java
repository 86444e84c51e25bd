package dev.hourglass.domain.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

public enum JobStatus {
    ACTIVE, PAUSED, FAILED, COMPLETED;

    /** The lower-case name used in JSON, storage and audit entries. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isTerminal() {
        return this == FAILED || this == COMPLETED;
    }

    public static Optional<JobStatus> fromWireName(String text) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(text)).findFirst();
    }
}
