package dev.hourglass.domain.error;

public final class JobNotFoundException extends HourglassException {

    public JobNotFoundException(String jobId) {
        super(ErrorCode.NOT_FOUND, "no job with id '" + jobId + "'");
    }
}
