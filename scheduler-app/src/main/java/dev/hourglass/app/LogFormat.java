package dev.hourglass.app;

import java.util.Locale;
import java.util.Optional;

/** How the service writes its log on standard error ({@code --log-format}). */
public enum LogFormat {
    /** One human-readable line per event. */
    TEXT,
    /** One JSON object per line: time, level, logger, thread, message, MDC keys, exception. */
    JSON;

    /** The format named {@code text} or {@code json} (any case, surrounding blanks ignored). */
    public static Optional<LogFormat> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (LogFormat format : values()) {
            if (format.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
