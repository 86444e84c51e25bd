package dev.hourglass.domain.port.out;

/**
 * Carries out a job's task. Called on a worker thread; may block. An exception counts as a failed
 * run with the exception's message. Implementations should honour thread interruption, which is
 * how a shutdown past its grace period stops them.
 */
@FunctionalInterface
public interface TaskRunner {

    RunOutcome run(TaskRequest request) throws Exception;
}
