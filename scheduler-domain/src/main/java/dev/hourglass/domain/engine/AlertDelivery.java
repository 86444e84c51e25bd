package dev.hourglass.domain.engine;

import dev.hourglass.domain.model.Alert;
import dev.hourglass.domain.model.Instants;
import dev.hourglass.domain.port.out.AlertOutbox;
import dev.hourglass.domain.port.out.AlertSender;
import dev.hourglass.domain.port.out.Singletons;
import dev.hourglass.domain.port.out.Metrics;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Empties the alert outbox: sends each due alert, marks it delivered once its sender returned, and
 * tries a failed one again after a growing pause (1 s doubling to 5 min). At least once: an alert
 * whose sending succeeded but whose mark did not is sent again, with the same id. In a cluster the
 * background loop runs on one instance at a time ({@link Singletons#ALERTS}).
 */
final class AlertDelivery {

    private static final System.Logger LOG = System.getLogger(AlertDelivery.class.getName());
    private static final int BATCH = 100;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofMinutes(5);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final AlertOutbox outbox;
    private final AlertSender sender;
    private final Clock clock;
    private final Singletons singletons;
    private final Metrics metrics;
    private final Wakeup wakeup = new Wakeup();
    /** Failed attempts per alert since this process started; the pause grows with them. */
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    private Thread thread;

    AlertDelivery(AlertOutbox outbox, AlertSender sender, Clock clock, Singletons singletons, Metrics metrics) {
        this.singletons = Objects.requireNonNull(singletons, "singletons");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    void start() {
        thread = new Thread(this::loop, "hourglass-alerts");
        thread.setDaemon(true);
        thread.start();
    }

    /** An alert was written: deliver without waiting for the next poll. */
    void raise() {
        wakeup.raise();
    }

    void stop() throws InterruptedException {
        stopping = true;
        if (thread != null) {
            thread.interrupt();
            thread.join();
        }
    }

    /** Sends every alert due now; returns how many were delivered. */
    int deliverDue() {
        Instant now = Instants.now(clock);
        List<Alert> due = outbox.alertsDue(now, BATCH);
        int delivered = 0;
        for (Alert alert : due) {
            try {
                sender.send(alert);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return delivered;
            } catch (Exception e) {
                int failed = failures.merge(alert.id(), 1, Integer::sum);
                Duration pause = pause(failed);
                LOG.log(Level.WARNING, "delivering alert {0} ({1}) failed, attempt {2}; trying again in {3}: {4}",
                        alert.id(), alert.kind().wireName(), failed, pause, e.toString());
                outbox.alertDeferred(alert.id(), now.plus(pause), e.toString());
                metrics.alertDeferred();
                continue;
            }
            outbox.alertDelivered(alert.id());
            failures.remove(alert.id());
            metrics.alertDelivered();
            delivered++;
        }
        return delivered;
    }

    static Duration pause(int failures) {
        Duration pause = FIRST_RETRY.multipliedBy(1L << Math.min(failures - 1, 20));
        return pause.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : pause;
    }

    private void loop() {
        while (!stopping) {
            try {
                // One instance of a cluster empties the outbox at a time; the others wait for their next poll.
                singletons.runExclusively(Singletons.ALERTS, this::deliverDue);
                wakeup.await(POLL.toNanos());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "reading the alert outbox failed; trying again in 1 s", e);
                try {
                    wakeup.await(POLL.toNanos());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
