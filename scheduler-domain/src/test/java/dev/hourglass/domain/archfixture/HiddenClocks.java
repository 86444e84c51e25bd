package dev.hourglass.domain.archfixture;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * Domain classes that read the time without being handed a clock, one way each. Each breaks
 * {@code time_comes_from_the_injected_clock}, except {@link SystemClock}, which breaks
 * {@code only_the_facade_defaults_to_the_system_clock}; {@link GivenClock} breaks neither.
 */
public final class HiddenClocks {

    private HiddenClocks() {
    }

    public static final class InstantNow {
        public Instant now() {
            return Instant.now();
        }
    }

    public static final class InstantNowReference {
        public Supplier<Instant> now() {
            return Instant::now;
        }
    }

    public static final class CurrentTimeMillis {
        public long now() {
            return System.currentTimeMillis();
        }
    }

    public static final class LocalDateTimeNowInAZone {
        public LocalDateTime now() {
            return LocalDateTime.now(ZoneOffset.UTC);
        }
    }

    public static final class SystemClock {
        public Clock clock() {
            return Clock.systemUTC();
        }
    }

    public static final class GivenClock {
        public LocalDateTime now(Clock clock) {
            return LocalDateTime.now(clock);
        }
    }
}
