package dev.hourglass.domain.engine;

import java.time.Duration;
import java.util.Optional;

/**
 * The engine's own view of whether it can do its job.
 *
 * @param started          {@link Engine#start()} was called (an engine driven by hand reports false)
 * @param dispatcherAlive  the dispatcher thread runs
 * @param leaseHeld        the heartbeat was renewed within the lease: new runs may start
 * @param fatal            the JVM error that stopped the engine, if any
 * @param outcomeBacklog   finished runs whose outcome is not stored yet
 * @param outcomesFailingFor how long storing outcomes has kept failing, if it does
 */
public record EngineHealth(boolean started, boolean dispatcherAlive, boolean leaseHeld, Optional<String> fatal,
        int outcomeBacklog, Optional<Duration> outcomesFailingFor) {
}
