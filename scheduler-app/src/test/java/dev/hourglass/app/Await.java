package dev.hourglass.app;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Waits for a condition by asking again every few milliseconds. The limit only stops a broken build
 * from hanging: a test asserts what happened, never how fast, so the limit is far above any
 * expected wait and reaching it fails with what was last seen.
 */
public final class Await {

    private static final Duration POLL = Duration.ofMillis(20);

    private Await() {
    }

    /** Asks {@code probe} until {@code done} accepts its answer, and returns that answer. */
    public static <T> T until(String what, Duration giveUp, Callable<T> probe, Predicate<? super T> done)
            throws Exception {
        long deadline = System.nanoTime() + giveUp.toNanos();
        T seen = probe.call();
        while (!done.test(seen)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("gave up after " + giveUp.toSeconds() + " s waiting for " + what
                        + "; last seen: " + seen);
            }
            Thread.sleep(POLL.toMillis());
            seen = probe.call();
        }
        return seen;
    }

    /** Waits until {@code condition} holds. */
    public static void until(String what, Duration giveUp, Callable<Boolean> condition) throws Exception {
        until(what, giveUp, condition, Boolean::booleanValue);
    }
}
