package dev.hourglass.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Failures that share a cause (CONTRACT §11.3): an incident opens when enough jobs fail with one
 * {@link ErrorSignature} and resolves when fewer than {@link IncidentRule#RESOLVE_BELOW} still do.
 * One signature has at most one open incident; a cause that comes back after its incident resolved
 * opens a new one.
 *
 * @param example     the error text of one of its failures, as the runner reported it
 * @param firstSeenAt when it opened: the failure that brought the count to the threshold
 * @param lastSeenAt  the latest failure with its signature while it was open
 * @param resolvedAt  when it resolved; null while open
 */
public record Incident(String id, String signature, String example, boolean open, Instant firstSeenAt,
        Instant lastSeenAt, Instant resolvedAt) {

    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(example, "example");
        Objects.requireNonNull(firstSeenAt, "firstSeenAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        if (open != (resolvedAt == null)) {
            throw new IllegalArgumentException("an incident has a resolvedAt exactly when it is resolved");
        }
        example = Utf8.truncate(example, RunRecord.MAX_OUTPUT_BYTES);
    }

    /** A new open incident, seen first and last at {@code at}. */
    public static Incident opened(String id, String signature, String example, Instant at) {
        return new Incident(id, signature, example, true, at, at, null);
    }

    /** Another failure with its signature, at {@code at}. */
    public Incident seen(Instant at) {
        return new Incident(id, signature, example, open, firstSeenAt, at.isAfter(lastSeenAt) ? at : lastSeenAt,
                resolvedAt);
    }

    /** Fewer than two jobs are left failing alike: it resolves at {@code at}. */
    public Incident resolved(Instant at) {
        return new Incident(id, signature, example, false, firstSeenAt, lastSeenAt, at);
    }

    /**
     * The one alert of its opening (while open) or of its resolution: about this incident, named by
     * its example error, counting the {@code jobs} failing alike, with the signature as detail.
     */
    public Alert alert(String alertId, int jobs) {
        return new Alert(alertId, open ? AlertKind.INCIDENT_OPEN : AlertKind.INCIDENT_RESOLVED, id, example, jobs,
                signature, open ? firstSeenAt : resolvedAt);
    }
}
