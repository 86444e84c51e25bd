package dev.hourglass.domain.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What an audit entry records. {@code DEPENDENCY_OPEN} and {@code DEPENDENCY_CLOSE} are an operator's
 * hold and close of the job's dependency (CONTRACT §11.1), written on every job of it; the job's own
 * status stays.
 */
public enum AuditAction {
    CREATE, UPDATE, PAUSE, RESUME, FORCE_RESUME, RUN, DELETE, FAIL, COMPLETE, PROBE_RESUME, DEPENDENCY_OPEN,
    DEPENDENCY_CLOSE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AuditAction> fromWireName(String text) {
        return Arrays.stream(values()).filter(a -> a.wireName().equals(text)).findFirst();
    }
}
