package dev.hourglass.domain.policy;

import java.time.Duration;
import java.util.List;

/** How long a failing job waits before its retry: 30 s, 1 min, 5 min, 15 min, then 60 min. */
public final class Backoff {

    private static final List<Duration> LADDER = List.of(
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofMinutes(60));

    private Backoff() {
    }

    /** The wait after the {@code consecutiveErrors}-th error in a row (1-based). */
    public static Duration after(int consecutiveErrors) {
        if (consecutiveErrors < 1) {
            throw new IllegalArgumentException("consecutiveErrors must be at least 1");
        }
        return LADDER.get(Math.min(consecutiveErrors, LADDER.size()) - 1);
    }
}
