package dev.hourglass.domain.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * When a dependency's breaker opens and how long it stays open (CONTRACT §11.1): runs of at least
 * {@code threshold} distinct jobs end in a dependency fault within {@code window}; it is open for
 * the largest {@code Retry-After} seen, or {@code defaultPeriod}; each failed probe doubles the
 * period up to {@code maxPeriod}. On close, the fires that waited are released {@code releaseSpacing}
 * apart.
 */
public record DependencySettings(Duration window, int threshold, Duration defaultPeriod, Duration maxPeriod,
        Duration releaseSpacing) {

    /**
     * Released fires start 500 ms apart: 2 a second, so they stay under the contract's 5 a second
     * even when the engine falls a couple of seconds behind (a starved CPU) and then starts the
     * fires it owes at once. At 300 ms apart a storm test on a machine at load 9 saw 7 in one second.
     */
    public static final Duration RELEASE_SPACING = Duration.ofMillis(500);

    public static final DependencySettings DEFAULT = new DependencySettings(Duration.ofSeconds(60), 3,
            Duration.ofSeconds(30), Duration.ofMinutes(30), RELEASE_SPACING);

    public DependencySettings {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(defaultPeriod, "defaultPeriod");
        Objects.requireNonNull(maxPeriod, "maxPeriod");
        Objects.requireNonNull(releaseSpacing, "releaseSpacing");
        if (threshold < 1) {
            throw new IllegalArgumentException("the dependency threshold must be at least 1");
        }
        if (!isPositive(window) || !isPositive(defaultPeriod) || maxPeriod.compareTo(defaultPeriod) < 0
                || releaseSpacing.isNegative()) {
            throw new IllegalArgumentException("the dependency window and periods must be positive, the longest "
                    + "period at least the default one");
        }
    }

    public DependencySettings withWindow(Duration value) {
        return new DependencySettings(value, threshold, defaultPeriod, maxPeriod, releaseSpacing);
    }

    public DependencySettings withThreshold(int value) {
        return new DependencySettings(window, value, defaultPeriod, maxPeriod, releaseSpacing);
    }

    private static boolean isPositive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
