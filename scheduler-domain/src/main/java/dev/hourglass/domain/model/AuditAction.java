package dev.hourglass.domain.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

public enum AuditAction {
    CREATE, UPDATE, PAUSE, RESUME, FORCE_RESUME, RUN, DELETE, FAIL, COMPLETE, PROBE_RESUME;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AuditAction> fromWireName(String text) {
        return Arrays.stream(values()).filter(a -> a.wireName().equals(text)).findFirst();
    }
}
