package dev.hourglass.domain.error;

import dev.hourglass.domain.model.JobId;

public final class JobNotFoundException extends HourglassException {

    public JobNotFoundException(JobId id) {
        super(ErrorCode.NOT_FOUND, "no job with id '" + id.value() + "'");
    }
}
