package dev.hourglass.domain.error;

/**
 * A schedule that is well-formed but cannot be used: an expression or zone that does not parse,
 * a nickname, a past instant, or no future fire. Preview reports it as a value, create refuses it.
 */
public final class UnusableScheduleException extends InvalidInputException {

    public UnusableScheduleException(String field, String message) {
        super(field, message);
    }
}
