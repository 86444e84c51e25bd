package dev.hourglass.persistence.jdbc;

import dev.hourglass.domain.model.Alert;
import dev.hourglass.domain.model.Incident;
import dev.hourglass.domain.model.IncidentRule;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.port.out.IncidentChanges;
import dev.hourglass.domain.port.out.Incidents;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Keeps incidents inside the caller's transaction of job writes, as {@link IncidentChanges} lays
 * out: the signatures the touched jobs counted under before, then after the writes their new ones,
 * and each affected signature reconciled by the domain's rule from what the tables hold now.
 *
 * <p>What makes it safe among concurrent writers is the store's ({@link SignatureLocks}): SQLite
 * holds its write lock for the whole transaction and needs nothing more; PostgreSQL takes an
 * advisory lock per signature before it counts, so of two transactions changing one signature's jobs
 * the second counts after the first committed, and an incident is neither opened twice nor its
 * resolution lost.
 */
public final class IncidentWrites {

    /** How many ids one membership query names. */
    private static final int CHUNK = 500;
    private static final Supplier<String> IDS = () -> UUID.randomUUID().toString();

    /** Orders the writers of the same signatures, before they count; called with the signatures in order. */
    @FunctionalInterface
    public interface SignatureLocks {

        /** For a store whose transactions never overlap (SQLite's write lock). */
        SignatureLocks NONE = (connection, signatures) -> { };

        void lock(Connection connection, SortedSet<String> signatures) throws SQLException;
    }

    private final Connection connection;
    private final SqlValues values;
    private final IncidentRule rule;
    private final SignatureLocks locks;
    private final boolean dependencyRuns;

    public IncidentWrites(Connection connection, SqlValues values, IncidentRule rule, SignatureLocks locks) {
        this(connection, values, rule, locks, false);
    }

    private IncidentWrites(Connection connection, SqlValues values, IncidentRule rule, SignatureLocks locks,
            boolean dependencyRuns) {
        this.connection = connection;
        this.values = values;
        this.rule = rule;
        this.locks = locks;
        this.dependencyRuns = dependencyRuns;
    }

    /** The same, for the job writes of a dependency change (see {@link IncidentChanges#ofDependencyRuns}). */
    public IncidentWrites forDependencyRuns() {
        return new IncidentWrites(connection, values, rule, locks, true);
    }

    /** Keeps incidents after {@code applied}, the writes that took effect, given the signatures {@code before} them. */
    public void keep(Map<JobId, String> before, List<? extends dev.hourglass.domain.port.out.JobWrite> applied)
            throws SQLException {
        keep(dependencyRuns ? IncidentChanges.ofDependencyRuns(before, applied) : IncidentChanges.of(before, applied));
    }

    /** The signature each of {@code jobs} counts under as stored; those counting under none are absent. */
    public Map<JobId, String> before(Collection<JobId> jobs) throws SQLException {
        Map<JobId, String> found = new HashMap<>();
        List<JobId> ids = jobs.stream().distinct().toList();
        for (int start = 0; start < ids.size(); start += CHUNK) {
            List<JobId> chunk = ids.subList(start, Math.min(ids.size(), start + CHUNK));
            String sql = IncidentColumns.MEMBERS_OF + "(" + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"))
                    + ")";
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    query.setString(i + 1, chunk.get(i).value());
                }
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        found.put(new JobId(rows.getString("job_id")), rows.getString("signature"));
                    }
                }
            }
        }
        return found;
    }

    /** Stores the new memberships, then reconciles each affected signature, under the store's locks. */
    public void keep(IncidentChanges changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        storeMemberships(changes.memberships());
        SortedSet<String> signatures = changes.signatures();
        if (signatures.isEmpty()) {
            return;
        }
        locks.lock(connection, signatures);
        boolean resolvedAny = false;
        for (String signature : signatures) {
            Optional<IncidentChanges.Change> change = changes.reconcile(signature, openOf(signature),
                    failing(signature), rule, IDS);
            if (change.isPresent()) {
                store(change.get());
                resolvedAny |= !change.get().incident().open();
            }
        }
        if (resolvedAny) {
            trimResolved();
        }
    }

    private void storeMemberships(Map<JobId, Optional<String>> memberships) throws SQLException {
        if (memberships.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement(IncidentColumns.UPSERT_MEMBER);
                PreparedStatement delete = connection.prepareStatement(IncidentColumns.DELETE_MEMBER)) {
            int upserts = 0;
            int deletes = 0;
            for (Map.Entry<JobId, Optional<String>> entry : memberships.entrySet()) {
                if (entry.getValue().isPresent()) {
                    upsert.setString(1, entry.getKey().value());
                    upsert.setString(2, entry.getValue().get());
                    upsert.addBatch();
                    upserts++;
                } else {
                    delete.setString(1, entry.getKey().value());
                    delete.addBatch();
                    deletes++;
                }
            }
            if (upserts > 0) {
                upsert.executeBatch();
            }
            if (deletes > 0) {
                delete.executeBatch();
            }
        }
    }

    private int failing(String signature) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(IncidentColumns.COUNT_FAILING)) {
            query.setString(1, signature);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private Optional<Incident> openOf(String signature) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(IncidentColumns.OPEN_OF)) {
            query.setString(1, signature);
            query.setObject(2, values.flag(true));
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(IncidentColumns.read(new Columns(rows))) : Optional.empty();
            }
        }
    }

    private void store(IncidentChanges.Change change) throws SQLException {
        Incident incident = change.incident();
        if (change.opened()) {
            try (PreparedStatement insert = connection.prepareStatement(IncidentColumns.INSERT)) {
                insert.setString(1, incident.id());
                insert.setString(2, incident.signature());
                insert.setString(3, incident.example());
                insert.setObject(4, values.flag(incident.open()));
                insert.setObject(5, values.instant(incident.firstSeenAt()));
                insert.setObject(6, values.instant(incident.lastSeenAt()));
                insert.setObject(7, values.instant(incident.resolvedAt()));
                insert.executeUpdate();
            }
        } else {
            try (PreparedStatement update = connection.prepareStatement(IncidentColumns.UPDATE)) {
                update.setObject(1, values.flag(incident.open()));
                update.setObject(2, values.instant(incident.lastSeenAt()));
                update.setObject(3, values.instant(incident.resolvedAt()));
                update.setString(4, incident.id());
                update.executeUpdate();
            }
        }
        if (change.alert().isPresent()) {
            Alert alert = change.alert().get();
            try (PreparedStatement insert = connection.prepareStatement(AlertColumns.INSERT)) {
                AlertColumns.bind(insert, alert, values);
                insert.executeUpdate();
            }
        }
    }

    private void trimResolved() throws SQLException {
        try (PreparedStatement trim = connection.prepareStatement(IncidentColumns.TRIM_RESOLVED)) {
            trim.setObject(1, values.flag(false));
            trim.setObject(2, values.flag(false));
            trim.setInt(3, Incidents.RESOLVED_KEPT);
            trim.executeUpdate();
        }
    }
}
