package dev.hourglass.domain.error;

/**
 * The store failed (the database is unreachable, the disk is full, a lock was held too long) or kept
 * failing until the domain gave up. Nothing was half-done: the change either happened whole or not
 * at all. Store adapters throw subclasses that say what they were doing.
 */
public non-sealed class StoreUnavailableException extends HourglassException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(ErrorCode.STORE_UNAVAILABLE, message, cause);
    }

    public StoreUnavailableException(String message) {
        super(ErrorCode.STORE_UNAVAILABLE, message, null);
    }
}
