package dev.hourglass.domain.port.in;

import java.time.Instant;
import java.util.List;

/**
 * What a schedule would do: its next fires after the instant asked about, and a description.
 * <ul>
 * <li>A usable schedule has {@code nextRuns} (possibly empty: a one-shot whose instant is not after
 *     the preview's {@code from}), {@code humanReadable}, and a null {@code error}.</li>
 * <li>A schedule that is well-formed but unusable (one that create would refuse) has
 *     {@code nextRuns} and {@code humanReadable} null and the reason in {@code error}: nothing was
 *     computed, which is not the same as "no fires".</li>
 * </ul>
 */
public record SchedulePreview(List<Instant> nextRuns, String humanReadable, String error) {

    public SchedulePreview {
        nextRuns = nextRuns == null ? null : List.copyOf(nextRuns);
    }

    public static SchedulePreview usable(List<Instant> nextRuns, String humanReadable) {
        return new SchedulePreview(nextRuns, humanReadable, null);
    }

    public static SchedulePreview unusable(String error) {
        return new SchedulePreview(null, null, error);
    }

    /** The first of {@link #nextRuns()}; null when there is none or the schedule is unusable. */
    public Instant nextRunAt() {
        return nextRuns == null || nextRuns.isEmpty() ? null : nextRuns.get(0);
    }
}
