package dev.hourglass.domain.port.in;

import dev.hourglass.domain.error.InvalidInputException;
import java.time.Instant;
import java.util.Objects;

/**
 * Hold the dependency {@code name} (compared case-insensitively) open until {@code until}, which
 * must lie in the future and at most a year ahead; {@code reason} (optional, at most 500
 * characters) goes into the audit entries and the dependency's cause.
 */
public record OpenDependencyCommand(String name, Instant until, String reason, String actor) {

    public OpenDependencyCommand {
        Objects.requireNonNull(name, "name");
        if (until == null) {
            throw new InvalidInputException("until", "until is required: the instant the hold ends");
        }
        reason = OperatorNote.reason(reason);
        actor = OperatorNote.actor(actor);
    }
}
