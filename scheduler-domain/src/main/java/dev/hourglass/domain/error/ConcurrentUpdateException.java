package dev.hourglass.domain.error;

import dev.hourglass.domain.model.JobId;

public final class ConcurrentUpdateException extends HourglassException {

    public ConcurrentUpdateException(JobId id) {
        super(ErrorCode.CONCURRENT_UPDATE, "job '" + id.value() + "' kept changing while this request ran; try again");
    }
}
