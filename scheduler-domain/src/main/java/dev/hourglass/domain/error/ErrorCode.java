package dev.hourglass.domain.error;

import java.util.Locale;

/** Every way the domain can refuse a request. Adapters map these codes, never message text. */
public enum ErrorCode {
    NOT_FOUND,
    INVALID_REQUEST,
    DUPLICATE_NAME,
    TASK_TOO_LARGE,
    JOB_LIMIT_REACHED,
    FORCE_REQUIRED,
    COMPLETED_IS_FINAL,
    NOT_ACTIVE,
    ALREADY_RUNNING,
    /** An edit expected another revision of the job than the stored one (HTTP {@code If-Match}); nothing changed. */
    PRECONDITION_FAILED,
    /** The job kept changing under a request that retried; the client may simply try again. */
    CONCURRENT_UPDATE,
    /** A stored job could not be read back (for example a hand-edited row). */
    UNREADABLE_JOB,
    /** The store cannot be reached or refused the work; nothing was changed, and the client may retry later. */
    STORE_UNAVAILABLE,
    /** The scheduler is stopping and did not carry the request out. */
    SHUTTING_DOWN,
    /** A resume found the job active already: nothing to do (a bulk resume lists it as skipped). */
    ALREADY_ACTIVE;

    /** The snake_case code used on the wire. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
