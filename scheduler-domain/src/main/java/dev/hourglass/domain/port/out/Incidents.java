package dev.hourglass.domain.port.out;

import dev.hourglass.domain.model.Incident;
import dev.hourglass.domain.model.IncidentRule;
import dev.hourglass.domain.model.JobId;
import java.util.List;
import java.util.Optional;

/**
 * Failures that share a cause (CONTRACT §11.3), kept by the store itself: every
 * {@link JobStore#apply(List)} (and the removal of an unreadable row) also keeps which signature each
 * job it changes counts under ({@link IncidentRule#signatureOf}), and opens and resolves incidents by
 * the {@link IncidentRule} it was given, with their alerts, in the same transaction, as
 * {@link IncidentChanges} describes. Two transactions that change the jobs of one signature at once
 * (two instances on one database) are ordered by the store, so an incident is never opened twice nor
 * its resolution lost.
 */
public interface Incidents {

    /** The rule incidents are kept by from now on; {@link IncidentRule#DEFAULT} until it is set. */
    void keepIncidentsBy(IncidentRule rule);

    /**
     * Incidents, the open ones first (newest first), then the newest resolved ones; with
     * {@code openOnly}, the open ones alone. A store keeps at least the newest
     * {@link #RESOLVED_KEPT} resolved ones.
     */
    List<Incident> incidents(boolean openOnly);

    Optional<Incident> incident(String id);

    /** The jobs counting under {@code signature} now, in no particular order. */
    List<JobId> failingWith(String signature);

    /** How many incidents are open. */
    default int openIncidents() {
        return incidents(true).size();
    }

    /** Resolved incidents kept for the list; older ones are dropped as new ones resolve. */
    int RESOLVED_KEPT = 100;
}
