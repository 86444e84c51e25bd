package dev.hourglass.persistence;

import dev.hourglass.domain.error.StoreUnavailableException;

/**
 * The database failed in a way the domain has no word for: the file cannot be opened, the disk is
 * full, another process held the lock beyond the busy timeout. The message says what the store was
 * doing; adapters above answer it as the domain's {@code store_unavailable}.
 */
public class StoreException extends StoreUnavailableException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
