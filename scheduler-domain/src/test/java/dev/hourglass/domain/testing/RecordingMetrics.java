package dev.hourglass.domain.testing;

import dev.hourglass.domain.model.RunStatus;
import dev.hourglass.domain.port.out.Metrics;
import dev.hourglass.domain.port.out.Readings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link Metrics} fake that remembers everything it was told, for tests that check the reports. */
public final class RecordingMetrics implements Metrics {

    /** A stored outcome, as reported. */
    public record Recorded(RunStatus status, Duration duration) {
    }

    public final List<Recorded> runs = Collections.synchronizedList(new ArrayList<>());
    /** Each task start's fire lag, null for a manual run. */
    public final List<Duration> starts = Collections.synchronizedList(new ArrayList<>());
    public final List<Integer> commits = Collections.synchronizedList(new ArrayList<>());
    public final AtomicInteger busy = new AtomicInteger();
    public final AtomicInteger mostBusy = new AtomicInteger();
    public final AtomicInteger trips = new AtomicInteger();
    public final AtomicInteger delivered = new AtomicInteger();
    public final AtomicInteger deferred = new AtomicInteger();
    public volatile Readings readings;

    @Override
    public void bind(Readings value) {
        readings = value;
    }

    @Override
    public void taskStarted(Duration fireLag) {
        starts.add(fireLag);
        mostBusy.accumulateAndGet(busy.incrementAndGet(), Math::max);
    }

    @Override
    public void taskFinished() {
        busy.decrementAndGet();
    }

    @Override
    public void runRecorded(RunStatus status, Duration duration) {
        runs.add(new Recorded(status, duration));
    }

    @Override
    public void breakerTripped() {
        trips.incrementAndGet();
    }

    @Override
    public void outcomesCommitted(int writes, Duration took) {
        commits.add(writes);
    }

    @Override
    public void alertDelivered() {
        delivered.incrementAndGet();
    }

    @Override
    public void alertDeferred() {
        deferred.incrementAndGet();
    }

    public List<RunStatus> statuses() {
        synchronized (runs) {
            return runs.stream().map(Recorded::status).toList();
        }
    }
}
