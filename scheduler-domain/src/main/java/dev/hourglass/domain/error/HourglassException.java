package dev.hourglass.domain.error;

import java.util.Objects;

/** The one family of errors the domain throws on purpose; each carries the code adapters map. */
public abstract sealed class HourglassException extends RuntimeException
        permits JobNotFoundException, InvalidInputException, DuplicateNameException, JobLimitReachedException,
                TransitionRejectedException, ConcurrentUpdateException, UnreadableJobException {

    private final ErrorCode code;

    protected HourglassException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
