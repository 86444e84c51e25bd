package dev.hourglass.domain.error;

public final class ConcurrentUpdateException extends HourglassException {

    public ConcurrentUpdateException(String jobId) {
        super(ErrorCode.CONCURRENT_UPDATE, "job '" + jobId + "' kept changing while this request ran; try again");
    }
}
