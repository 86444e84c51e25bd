package dev.hourglass.domain.policy;

import dev.hourglass.domain.model.JobStatus;

/** A caller met a cell of {@link Lifecycle} it did not expect: a bug, never turned into a silent no-op. */
public final class UnexpectedVerdictException extends IllegalStateException {

    public UnexpectedVerdictException(JobStatus from, Object operation, Verdict verdict) {
        super("unexpected state-machine verdict " + verdict + " for " + operation + " on a " + from.wireName() + " job");
    }
}
