package dev.hourglass.domain.error;

public final class JobLimitReachedException extends HourglassException {

    public JobLimitReachedException(int maxJobs) {
        super(ErrorCode.JOB_LIMIT_REACHED, "the job limit of " + maxJobs + " jobs is reached; delete a job first");
    }

    /** A batch of {@code adding} jobs that does not fit beside the {@code stored} ones. */
    public JobLimitReachedException(int maxJobs, long stored, int adding) {
        super(ErrorCode.JOB_LIMIT_REACHED, "the job limit of " + maxJobs + " jobs leaves room for "
                + Math.max(0, maxJobs - stored) + ", not the " + adding + " of this batch; nothing was created");
    }
}
