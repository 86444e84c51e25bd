package dev.hourglass.domain.port.in;

import dev.hourglass.domain.model.Job;

public interface ResumeJobUseCase {

    /**
     * Brings a paused job, or with {@code force} a failed job, back to active: next run recomputed
     * from now, error count reset, audited. Resuming an active job changes nothing.
     *
     * @throws dev.hourglass.domain.error.TransitionRejectedException {@code force_required} for a
     *         failed job without force, {@code completed_is_final} for a completed job
     */
    Job resume(ResumeJobCommand command);
}
