package dev.hourglass.domain.policy;

/**
 * When the circuit breaker trips: after {@code maxConsecutiveErrors} errors in a row, or
 * {@code maxOneShotErrors} for a one-shot ({@code at}) job, which has no later fire to hope for.
 */
public record BreakerSettings(int maxConsecutiveErrors, int maxOneShotErrors) {

    public static final BreakerSettings DEFAULT = new BreakerSettings(10, 3);

    public BreakerSettings {
        if (maxConsecutiveErrors < 1 || maxOneShotErrors < 1) {
            throw new IllegalArgumentException("breaker limits must be at least 1");
        }
    }

    public BreakerSettings withMaxConsecutiveErrors(int max) {
        return new BreakerSettings(max, maxOneShotErrors);
    }
}
