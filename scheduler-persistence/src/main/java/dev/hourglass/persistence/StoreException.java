package dev.hourglass.persistence;

/**
 * The database failed in a way the domain has no word for: the file cannot be opened, the disk is
 * full, another process held the lock beyond the busy timeout. Unchecked; the message says what
 * the store was doing.
 */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
