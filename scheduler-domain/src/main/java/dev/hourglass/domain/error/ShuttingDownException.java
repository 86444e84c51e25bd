package dev.hourglass.domain.error;

/** The scheduler is stopping: the request was not carried out; another instance, or this one after a restart, can. */
public final class ShuttingDownException extends HourglassException {

    public ShuttingDownException() {
        super(ErrorCode.SHUTTING_DOWN, "the scheduler is stopping; the run was not started");
    }
}
