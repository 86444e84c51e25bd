package dev.hourglass.domain.policy;

import dev.hourglass.domain.error.ErrorCode;
import dev.hourglass.domain.model.JobStatus;

/** The state machine's answer to one operation on a job in one status. */
public sealed interface Verdict permits Verdict.Enter, Verdict.Unchanged, Verdict.Redefine, Verdict.Fire, Verdict.Remove,
        Verdict.Refuse {

    /** The job moves to {@code status}. */
    record Enter(JobStatus status) implements Verdict {
    }

    /** Nothing changes: no write, no audit entry, the same job. */
    record Unchanged() implements Verdict {
    }

    /** The job's definition changes; its status stays. */
    record Redefine() implements Verdict {
    }

    /** The job runs now. */
    record Fire() implements Verdict {
    }

    /** The job is deleted. */
    record Remove() implements Verdict {
    }

    /** The operation is refused with {@code code}. */
    record Refuse(ErrorCode code) implements Verdict {
    }
}
