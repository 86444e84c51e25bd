package dev.hourglass.domain.service;

import dev.hourglass.domain.error.ErrorCode;
import dev.hourglass.domain.error.TransitionRejectedException;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.policy.Operation;
import java.util.Locale;

/** Messages for refused operations that tell the operator what to do instead. */
final class Rejections {

    private Rejections() {
    }

    static TransitionRejectedException of(ErrorCode code, Job job, Operation operation) {
        String name = "job '" + job.name() + "'";
        String message = switch (code) {
            case FORCE_REQUIRED -> name + " is failed: its circuit breaker tripped after " + job.consecutiveErrors()
                    + " consecutive errors. To revive it on purpose, resume with {\"force\": true}";
            case COMPLETED_IS_FINAL -> name + " is completed, which is final even with force; create a new job instead";
            case ALREADY_RUNNING -> name + " is already running (run " + job.claim().runId() + ")";
            case NOT_ACTIVE -> "cannot " + verb(operation) + " " + name + ": it is " + job.status().wireName()
                    + (job.status() == JobStatus.FAILED
                            ? "; resume it with {\"force\": true} first" : "; only an active job can be " + pastTense(operation));
            default -> name + ": " + code.wireName();
        };
        return new TransitionRejectedException(code, message);
    }

    private static String verb(Operation operation) {
        if (operation == Operation.PAUSE_UNTIL) {
            return "pause";
        }
        return operation == Operation.RUN_NOW ? "run" : operation.name().toLowerCase(Locale.ROOT);
    }

    private static String pastTense(Operation operation) {
        return operation == Operation.RUN_NOW ? "run" : verb(operation) + "d";
    }
}
