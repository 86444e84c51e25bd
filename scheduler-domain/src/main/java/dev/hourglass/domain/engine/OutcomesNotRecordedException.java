package dev.hourglass.domain.engine;

import dev.hourglass.domain.error.StoreUnavailableException;
import dev.hourglass.domain.policy.RunResult;
import java.util.List;

/**
 * Recording a group of outcomes stopped part way: {@link #remaining()} are the runs whose outcome is
 * not stored yet (they stay claimed); every other run of the group was stored, or its job is gone,
 * and must not be recorded again.
 */
public final class OutcomesNotRecordedException extends StoreUnavailableException {

    private final transient List<RunResult> remaining;

    OutcomesNotRecordedException(List<RunResult> remaining, String message, Throwable cause) {
        super(message, cause);
        this.remaining = List.copyOf(remaining);
    }

    public List<RunResult> remaining() {
        return remaining;
    }
}
