package dev.hourglass.domain.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

public enum RunStatus {
    OK, ERROR, INTERRUPTED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RunStatus> fromWireName(String text) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(text)).findFirst();
    }
}
