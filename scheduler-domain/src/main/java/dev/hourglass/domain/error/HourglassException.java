package dev.hourglass.domain.error;

import java.util.Objects;

/** The one family of errors the domain throws on purpose; each carries the code adapters map. */
public abstract sealed class HourglassException extends RuntimeException
        permits JobNotFoundException, DependencyNotFoundException, InvalidInputException, DuplicateNameException, JobLimitReachedException,
                TransitionRejectedException, ConcurrentUpdateException, UnreadableJobException,
                StoreUnavailableException, ShuttingDownException, PreconditionFailedException,
                BatchRefusedException {

    private final ErrorCode code;

    protected HourglassException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** For failures of the machinery underneath, whose cause and stack trace an operator needs. */
    protected HourglassException(ErrorCode code, String message, Throwable cause) {
        super(message, cause, false, true);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
