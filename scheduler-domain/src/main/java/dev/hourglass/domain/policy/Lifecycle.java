package dev.hourglass.domain.policy;

import static dev.hourglass.domain.model.JobStatus.ACTIVE;
import static dev.hourglass.domain.model.JobStatus.COMPLETED;
import static dev.hourglass.domain.model.JobStatus.FAILED;
import static dev.hourglass.domain.model.JobStatus.PAUSED;
import static dev.hourglass.domain.policy.Operation.DELETE;
import static dev.hourglass.domain.policy.Operation.FORCE_RESUME;
import static dev.hourglass.domain.policy.Operation.PAUSE;
import static dev.hourglass.domain.policy.Operation.RESUME;
import static dev.hourglass.domain.policy.Operation.RUN_NOW;

import dev.hourglass.domain.error.ErrorCode;
import dev.hourglass.domain.model.JobStatus;
import java.util.EnumMap;
import java.util.Map;

/**
 * The job state machine: one table, the only place that decides which operation may touch which
 * status. A failed job reaches active only through {@link Operation#FORCE_RESUME}; a completed job
 * never leaves completed except by deletion.
 */
public final class Lifecycle {

    private static final Verdict UNCHANGED = new Verdict.Unchanged();
    private static final Verdict FIRE = new Verdict.Fire();
    private static final Verdict REMOVE = new Verdict.Remove();

    private static final Map<JobStatus, Map<Operation, Verdict>> TABLE = new EnumMap<>(JobStatus.class);

    static {
        row(ACTIVE, enter(PAUSED), UNCHANGED, UNCHANGED, FIRE, REMOVE);
        row(PAUSED, UNCHANGED, enter(ACTIVE), enter(ACTIVE), refuse(ErrorCode.NOT_ACTIVE), REMOVE);
        row(FAILED, refuse(ErrorCode.NOT_ACTIVE), refuse(ErrorCode.FORCE_REQUIRED), enter(ACTIVE),
                refuse(ErrorCode.NOT_ACTIVE), REMOVE);
        row(COMPLETED, refuse(ErrorCode.NOT_ACTIVE), refuse(ErrorCode.COMPLETED_IS_FINAL),
                refuse(ErrorCode.COMPLETED_IS_FINAL), refuse(ErrorCode.NOT_ACTIVE), REMOVE);
    }

    private Lifecycle() {
    }

    public static Verdict decide(JobStatus from, Operation operation) {
        return TABLE.get(from).get(operation);
    }

    private static void row(JobStatus from, Verdict pause, Verdict resume, Verdict forceResume, Verdict runNow,
            Verdict delete) {
        Map<Operation, Verdict> row = new EnumMap<>(Operation.class);
        row.put(PAUSE, pause);
        row.put(RESUME, resume);
        row.put(FORCE_RESUME, forceResume);
        row.put(RUN_NOW, runNow);
        row.put(DELETE, delete);
        TABLE.put(from, row);
    }

    private static Verdict enter(JobStatus status) {
        return new Verdict.Enter(status);
    }

    private static Verdict refuse(ErrorCode code) {
        return new Verdict.Refuse(code);
    }
}
