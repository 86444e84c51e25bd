package dev.hourglass.domain.error;

public final class JobLimitReachedException extends HourglassException {

    public JobLimitReachedException(int maxJobs) {
        super(ErrorCode.JOB_LIMIT_REACHED, "the job limit of " + maxJobs + " jobs is reached; delete a job first");
    }
}
