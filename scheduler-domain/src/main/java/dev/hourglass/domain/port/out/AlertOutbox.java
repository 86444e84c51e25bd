package dev.hourglass.domain.port.out;

import dev.hourglass.domain.model.Alert;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Alerts waiting to be delivered. They are written with the change that raised them (see
 * {@link JobWrite#alerts()}), so a crash between the change and the delivery loses none.
 */
public interface AlertOutbox {

    /** Up to {@code limit} undelivered alerts whose next attempt is due at {@code now}, oldest first. */
    List<Alert> alertsDue(Instant now, int limit);

    /** The alert reached its receiver; it is not sent again. */
    void alertDelivered(String alertId);

    /** A delivery failed; the alert is tried again at {@code nextAttemptAt}. */
    void alertDeferred(String alertId, Instant nextAttemptAt, String error);

    /** How many alerts wait, and since when the oldest. */
    Backlog alertBacklog();

    record Backlog(int count, Optional<Instant> oldest) {
    }
}
