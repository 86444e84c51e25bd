package dev.hourglass.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An instance as the store knows it. {@code alive}: its heartbeat is younger than the lease, judged
 * by the store's clock, and it has not stopped.
 */
public record InstanceInfo(InstanceId id, String name, Instant startedAt, Instant heartbeatAt, boolean alive) {

    public InstanceInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(heartbeatAt, "heartbeatAt");
    }
}
