package dev.hourglass.domain.error;

import java.util.Objects;

/** Input the domain refuses; {@link #field()} names the offending field in the request's terms. */
public sealed class InvalidInputException extends HourglassException permits UnusableScheduleException {

    private final String field;

    public InvalidInputException(String field, String message) {
        this(ErrorCode.INVALID_REQUEST, field, message);
    }

    protected InvalidInputException(ErrorCode code, String field, String message) {
        super(code, message);
        this.field = Objects.requireNonNull(field, "field");
    }

    public static InvalidInputException taskTooLarge(int bytes, int limit) {
        return new InvalidInputException(ErrorCode.TASK_TOO_LARGE, "task",
                "task: " + bytes + " bytes exceeds the limit of " + limit + " bytes");
    }

    /** A listing {@code cursor} that no page gave out (or one of an older version): the caller starts over. */
    public static InvalidInputException unknownCursor() {
        return new InvalidInputException("cursor",
                "cursor is not one this service gave out: start again from the first page");
    }

    public String field() {
        return field;
    }
}
