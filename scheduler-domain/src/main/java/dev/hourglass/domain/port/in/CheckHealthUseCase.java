package dev.hourglass.domain.port.in;

public interface CheckHealthUseCase {

    /** Checks the store, the dispatcher, the outcome backlog, the oldest claim and the alert outbox. */
    HealthReport check();
}
