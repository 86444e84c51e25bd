package dev.hourglass.domain.error;

public final class UnreadableJobException extends HourglassException {

    public UnreadableJobException(String jobId, String reason) {
        super(ErrorCode.UNREADABLE_JOB, "job '" + jobId + "' is stored but cannot be read: " + reason);
    }
}
