package dev.hourglass.domain.port.in;

public interface RunJobNowUseCase {

    /**
     * Runs an active job now, in the caller's thread, and records the outcome under the same rules as
     * a scheduled fire (ten failing manual runs trip the breaker).
     *
     * @throws dev.hourglass.domain.error.TransitionRejectedException {@code not_active} unless the job is
     *         active, {@code already_running} while a run is under way
     */
    ManualRun runNow(RunJobNowCommand command);
}
