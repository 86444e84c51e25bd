package dev.hourglass.domain.error;

public final class ConcurrentUpdateException extends HourglassException {

    public ConcurrentUpdateException(String jobId) {
        super(ErrorCode.CONCURRENT_UPDATE, "job '" + jobId + "' kept changing while this request ran; try again");
    }

    private ConcurrentUpdateException(String message, boolean unused) {
        super(ErrorCode.CONCURRENT_UPDATE, message);
    }

    /** The dependency {@code name} or its jobs kept changing under an operator's hold or close. */
    public static ConcurrentUpdateException ofDependency(String name) {
        return new ConcurrentUpdateException("dependency '" + name + "' or its jobs kept changing while this request "
                + "ran; try again", true);
    }
}
