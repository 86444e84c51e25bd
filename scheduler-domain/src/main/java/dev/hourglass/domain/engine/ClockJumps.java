package dev.hourglass.domain.engine;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Notices when the wall clock jumps (an operator or NTP steps it, a VM resumes) and re-plans like a
 * start does, so a jump causes neither a burst nor a stall. Between two checks the clock should
 * move as far as a monotonic timer did; when it moved more than {@link #THRESHOLD} further
 * forward, fires it skipped over are missed fires, re-planned {@link Recovery#MISSED_RUN_SPACING}
 * apart from now in their old order; when it moved back by more, fires that now lie further out
 * than the schedule would plan from now are re-planned from now.
 */
final class ClockJumps {

    private static final System.Logger LOG = System.getLogger(ClockJumps.class.getName());
    /** Smaller differences are ordinary drift and slewing; they are left alone. */
    static final Duration THRESHOLD = Duration.ofSeconds(10);

    private final Recovery recovery;
    private final LongSupplier monotonicNanos;
    private Instant lastSeen;
    private long lastNanos;

    ClockJumps(Recovery recovery, LongSupplier monotonicNanos) {
        this.recovery = Objects.requireNonNull(recovery, "recovery");
        this.monotonicNanos = Objects.requireNonNull(monotonicNanos, "monotonicNanos");
    }

    /**
     * Compares {@code now} with where the clock should be since the last check and re-plans after a
     * jump. The first check only sets the reference.
     *
     * @return how far the clock jumped (negative: back), when it did
     */
    Optional<Duration> check(Instant now) {
        long nanos = monotonicNanos.getAsLong();
        Instant previous = lastSeen;
        long previousNanos = lastNanos;
        lastSeen = now;
        lastNanos = nanos;
        if (previous == null) {
            return Optional.empty();
        }
        Duration jump = Duration.between(previous.plusNanos(nanos - previousNanos), now);
        if (jump.abs().compareTo(THRESHOLD) <= 0) {
            return Optional.empty();
        }
        int replanned = jump.isNegative() ? recovery.replanFromNow(now) : recovery.replanMissed(now);
        LOG.log(Level.WARNING, "the clock jumped {0} by {1}; {2} fire(s) re-planned",
                jump.isNegative() ? "back" : "forward", jump.abs(), replanned);
        return Optional.of(jump);
    }
}
