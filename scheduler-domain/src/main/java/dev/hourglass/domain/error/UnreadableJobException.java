package dev.hourglass.domain.error;

import dev.hourglass.domain.model.JobId;

public final class UnreadableJobException extends HourglassException {

    public UnreadableJobException(JobId id, String reason) {
        super(ErrorCode.UNREADABLE_JOB, "job '" + id.value() + "' is stored but cannot be read: " + reason);
    }
}
