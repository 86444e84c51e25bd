package dev.hourglass.domain.error;

/** The state machine refused an operation for the job's current status. */
public final class TransitionRejectedException extends HourglassException {

    public TransitionRejectedException(ErrorCode code, String message) {
        super(code, message);
    }
}
