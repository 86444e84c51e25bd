package dev.hourglass.domain.port.in;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a health check looked at, and what keeps the service from doing its job ({@code problems};
 * empty when healthy).
 *
 * @param storeReachable  the store answered a read
 * @param dispatcher      {@code running}, {@code stopped} (it died or the JVM failed), or {@code manual}
 *                        (an embedded engine driven by hand)
 * @param leaseHeld       this instance's heartbeat is current, so it may start runs
 * @param outcomeBacklog  finished runs whose outcome is not stored yet
 * @param oldestClaimAt   when the oldest run still under way was claimed
 * @param alertBacklog    alerts waiting in the outbox
 * @param oldestAlertAt   since when the oldest of them waits
 */
public record HealthReport(boolean storeReachable, String dispatcher, boolean leaseHeld, int outcomeBacklog,
        Optional<Instant> oldestClaimAt, int alertBacklog, Optional<Instant> oldestAlertAt, List<String> problems) {

    public HealthReport {
        Objects.requireNonNull(dispatcher, "dispatcher");
        Objects.requireNonNull(oldestClaimAt, "oldestClaimAt");
        Objects.requireNonNull(oldestAlertAt, "oldestAlertAt");
        problems = List.copyOf(problems);
    }

    public boolean healthy() {
        return problems.isEmpty();
    }
}
