package dev.hourglass.domain.policy;

import static dev.hourglass.domain.model.JobStatus.ACTIVE;
import static dev.hourglass.domain.model.JobStatus.COMPLETED;
import static dev.hourglass.domain.model.JobStatus.FAILED;
import static dev.hourglass.domain.model.JobStatus.PAUSED;
import static dev.hourglass.domain.policy.Deadline.PAUSE_ENDED;
import static dev.hourglass.domain.policy.Operation.DELETE;
import static dev.hourglass.domain.policy.Operation.EDIT;
import static dev.hourglass.domain.policy.Operation.FORCE_RESUME;
import static dev.hourglass.domain.policy.Operation.PAUSE;
import static dev.hourglass.domain.policy.Operation.PAUSE_UNTIL;
import static dev.hourglass.domain.policy.Operation.RESUME;
import static dev.hourglass.domain.policy.Operation.RUN_NOW;
import static dev.hourglass.domain.policy.RunEnding.FAILED_AT_LIMIT;
import static dev.hourglass.domain.policy.RunEnding.FINISHED;
import static dev.hourglass.domain.policy.RunEnding.FINISHED_AND_REMOVED;
import static dev.hourglass.domain.policy.RunEnding.PROBE_FAILED;
import static dev.hourglass.domain.policy.RunEnding.PROBE_SUCCEEDED;
import static dev.hourglass.domain.policy.RunEnding.SUCCEEDED;

import dev.hourglass.domain.error.ErrorCode;
import dev.hourglass.domain.model.JobStatus;
import java.util.EnumMap;
import java.util.Map;

/**
 * The job state machine, the only place that decides which operation may touch which status: three
 * tables side by side, one for what an operator asks (CONTRACT §4, with edits and timed pauses of
 * §12), one for how the engine ends a run (§5), and one for the deadlines the engine watches (the
 * end of a timed pause, §12.2). A failed job reaches active only through {@link Operation#FORCE_RESUME}; a completed
 * job never leaves completed except by deletion.
 *
 * <p>A run's ending is decided only on the job as it was claimed; when an operator changed the job
 * during the run, the run is recorded and the operator's state stays. So the engine table has cells
 * only for an active job's runs and a failed job's probes (§11.2); any other call is a bug, answered
 * {@link Verdict.Refuse}. A probe is the one way a failed job reaches active without an operator.
 */
public final class Lifecycle {

    private static final Verdict UNCHANGED = new Verdict.Unchanged();
    private static final Verdict FIRE = new Verdict.Fire();
    private static final Verdict REMOVE = new Verdict.Remove();
    private static final Verdict REDEFINE = new Verdict.Redefine();
    private static final Verdict NOT_ACTIVE = refuse(ErrorCode.NOT_ACTIVE);

    private static final Map<JobStatus, Map<Operation, Verdict>> OPERATOR = new EnumMap<>(JobStatus.class);
    /** Cells that differ while a run of the job is under way; every other operation wins over the run. */
    private static final Map<Operation, Verdict> WHILE_RUNNING = new EnumMap<>(Operation.class);
    private static final Map<JobStatus, Map<RunEnding, Verdict>> ENGINE = new EnumMap<>(JobStatus.class);
    private static final Map<JobStatus, Map<Deadline, Verdict>> DEADLINES = new EnumMap<>(JobStatus.class);

    static {
        //                pause          resume                  force resume            run now     delete
        //                edit      pause until
        operator(ACTIVE, enter(PAUSED), UNCHANGED, UNCHANGED, FIRE, REMOVE,
                REDEFINE, enter(PAUSED));
        operator(PAUSED, UNCHANGED, enter(ACTIVE), enter(ACTIVE), NOT_ACTIVE, REMOVE,
                REDEFINE, enter(PAUSED));
        operator(FAILED, NOT_ACTIVE, refuse(ErrorCode.FORCE_REQUIRED), enter(ACTIVE), NOT_ACTIVE, REMOVE,
                REDEFINE, NOT_ACTIVE);
        operator(COMPLETED, NOT_ACTIVE, refuse(ErrorCode.COMPLETED_IS_FINAL), refuse(ErrorCode.COMPLETED_IS_FINAL),
                NOT_ACTIVE, REMOVE,
                REDEFINE, NOT_ACTIVE);

        WHILE_RUNNING.put(RUN_NOW, refuse(ErrorCode.ALREADY_RUNNING));

        //              succeeded      finished          finished, removed  failed         failed at limit
        //              probe succeeded  probe failed
        engine(ACTIVE, enter(ACTIVE), enter(COMPLETED), REMOVE, enter(ACTIVE), enter(FAILED),
                NOT_ACTIVE, NOT_ACTIVE);
        engine(PAUSED, NOT_ACTIVE, NOT_ACTIVE, NOT_ACTIVE, NOT_ACTIVE, NOT_ACTIVE,
                NOT_ACTIVE, NOT_ACTIVE);
        engine(FAILED, NOT_ACTIVE, NOT_ACTIVE, NOT_ACTIVE, NOT_ACTIVE, NOT_ACTIVE,
                enter(ACTIVE), UNCHANGED);
        engine(COMPLETED, NOT_ACTIVE, NOT_ACTIVE, NOT_ACTIVE, NOT_ACTIVE, NOT_ACTIVE,
                NOT_ACTIVE, NOT_ACTIVE);

        // Only a paused job has a pause to end; for the others the deadline is past news.
        //                 pause ended
        deadline(ACTIVE, UNCHANGED);
        deadline(PAUSED, enter(ACTIVE));
        deadline(FAILED, UNCHANGED);
        deadline(COMPLETED, UNCHANGED);
    }

    private Lifecycle() {
    }

    /** What an operator's {@code operation} does to a job in {@code from}, with a run under way or not. */
    public static Verdict decide(JobStatus from, boolean running, Operation operation) {
        Verdict verdict = OPERATOR.get(from).get(operation);
        if (running && verdict instanceof Verdict.Fire) {
            return WHILE_RUNNING.get(operation);
        }
        return verdict;
    }

    /** What a run that ended as {@code ending} does to its job, claimed in {@code from}. */
    public static Verdict decide(JobStatus from, RunEnding ending) {
        return ENGINE.get(from).get(ending);
    }

    /** What {@code deadline} passing does to a job in {@code from}. */
    public static Verdict decide(JobStatus from, Deadline deadline) {
        return DEADLINES.get(from).get(deadline);
    }

    private static void operator(JobStatus from, Verdict pause, Verdict resume, Verdict forceResume, Verdict runNow,
            Verdict delete, Verdict edit, Verdict pauseUntil) {
        Map<Operation, Verdict> row = new EnumMap<>(Operation.class);
        row.put(PAUSE, pause);
        row.put(RESUME, resume);
        row.put(FORCE_RESUME, forceResume);
        row.put(RUN_NOW, runNow);
        row.put(DELETE, delete);
        row.put(EDIT, edit);
        row.put(PAUSE_UNTIL, pauseUntil);
        OPERATOR.put(from, row);
    }

    private static void engine(JobStatus from, Verdict succeeded, Verdict finished, Verdict finishedAndRemoved,
            Verdict failed, Verdict failedAtLimit, Verdict probeSucceeded, Verdict probeFailed) {
        Map<RunEnding, Verdict> row = new EnumMap<>(RunEnding.class);
        row.put(SUCCEEDED, succeeded);
        row.put(FINISHED, finished);
        row.put(FINISHED_AND_REMOVED, finishedAndRemoved);
        row.put(RunEnding.FAILED, failed);
        row.put(FAILED_AT_LIMIT, failedAtLimit);
        row.put(PROBE_SUCCEEDED, probeSucceeded);
        row.put(PROBE_FAILED, probeFailed);
        ENGINE.put(from, row);
    }

    private static void deadline(JobStatus from, Verdict pauseEnded) {
        Map<Deadline, Verdict> row = new EnumMap<>(Deadline.class);
        row.put(PAUSE_ENDED, pauseEnded);
        DEADLINES.put(from, row);
    }

    private static Verdict enter(JobStatus status) {
        return new Verdict.Enter(status);
    }

    private static Verdict refuse(ErrorCode code) {
        return new Verdict.Refuse(code);
    }
}
