package dev.hourglass.domain.port.out;

import dev.hourglass.domain.model.Alert;

/**
 * Delivers one alert from the outbox: to a log, a webhook, a pager. Called again with the same alert
 * (same id) until it returns normally, so a receiver should treat the id as an idempotency key.
 */
@FunctionalInterface
public interface AlertSender {

    void send(Alert alert) throws Exception;
}
