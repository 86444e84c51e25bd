package dev.hourglass.domain.port.out;

import dev.hourglass.domain.model.InstanceId;
import dev.hourglass.domain.model.InstanceInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The instances sharing a store, each with a heartbeat. An instance whose heartbeat is older than
 * the lease is dead: its claims may be taken over. Stores with a clock of their own (a database
 * server) judge ages by it, never by the hosts' clocks; the others by the {@code now} they are given.
 */
public interface Instances {

    /** Registers {@code id} as alive, heartbeat now; registering again revives a registration that lapsed. */
    void register(InstanceId id, String name, Instant now);

    /**
     * Renews the heartbeat of {@code id}. False when the store had stopped counting it alive (its
     * heartbeat had lapsed past {@code lease}, or it was deregistered): others may have taken over its
     * claims, and it must register again before it starts another run.
     */
    boolean heartbeat(InstanceId id, Instant now, Duration lease);

    /** Marks {@code id} as stopped: its remaining claims may be taken over at once. */
    void deregister(InstanceId id, Instant now);

    /** Every instance seen in the last 24 hours, the living first. */
    List<InstanceInfo> instances(Instant now, Duration lease);
}
