package dev.hourglass.domain.port.in;

import java.util.Objects;

/**
 * Close the dependency {@code name} (compared case-insensitively) now; {@code reason} (optional, at
 * most 500 characters) goes into the audit entries.
 */
public record CloseDependencyCommand(String name, String reason, String actor) {

    public CloseDependencyCommand {
        Objects.requireNonNull(name, "name");
        reason = OperatorNote.reason(reason);
        actor = OperatorNote.actor(actor);
    }
}
