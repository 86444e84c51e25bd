package dev.hourglass.domain.port.in;

import dev.hourglass.domain.error.InvalidInputException;
import dev.hourglass.domain.model.Actor;

/** Validation shared by operator commands: who acts, and an optional reason kept in the audit entry. */
final class OperatorNote {

    static final int MAX_REASON_LENGTH = 500;

    private OperatorNote() {
    }

    static String actor(String actor) {
        if (actor == null) {
            return Actor.USER;
        }
        if (actor.isBlank() || actor.length() > Actor.MAX_LENGTH) {
            throw new InvalidInputException("actor", "actor must be 1 to " + Actor.MAX_LENGTH + " characters");
        }
        return actor;
    }

    static String reason(String reason) {
        if (reason != null && reason.length() > MAX_REASON_LENGTH) {
            throw new InvalidInputException("reason",
                    "reason must be at most " + MAX_REASON_LENGTH + " characters, got " + reason.length());
        }
        return reason == null || reason.isBlank() ? null : reason;
    }
}
