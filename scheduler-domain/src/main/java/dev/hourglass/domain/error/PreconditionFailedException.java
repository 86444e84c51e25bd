package dev.hourglass.domain.error;

/** An edit named a revision the job is no longer (or never was) at; nothing was changed. */
public final class PreconditionFailedException extends HourglassException {

    public PreconditionFailedException(String jobId, long expected, long actual) {
        super(ErrorCode.PRECONDITION_FAILED, "job '" + jobId + "' is at revision " + actual + ", not " + expected
                + ": it was edited meanwhile; read it again and repeat the edit if it still applies");
    }
}
