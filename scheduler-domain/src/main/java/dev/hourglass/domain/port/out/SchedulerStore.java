package dev.hourglass.domain.port.out;

/** Everything Hourglass keeps, in one store: what an embedder hands to {@code Hourglass.builder(...)}. */
public interface SchedulerStore extends JobStore, AuditLog, RunHistory, Revisions, Instances, AlertOutbox,
        Dependencies {
}
