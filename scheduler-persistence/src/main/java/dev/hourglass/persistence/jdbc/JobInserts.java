package dev.hourglass.persistence.jdbc;

import dev.hourglass.domain.model.JobRevision;
import dev.hourglass.domain.port.out.JobCreation;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Inserting a batch of new jobs, alike on both databases, inside a transaction the store opened and
 * guards (its write lock, its limit check): the job rows, their {@code create} entries and their
 * first revisions, each table in one batched statement. And which names stored jobs hold.
 */
public final class JobInserts {

    /** Keys asked for per statement: well under the bound variables any SQLite build takes. */
    private static final int KEYS_PER_QUERY = 500;
    private static final String NAMES_TAKEN = "SELECT name_key FROM jobs WHERE name_key IN (<keys>)";

    private JobInserts() {
    }

    /** Those of {@code nameKeys} that stored jobs hold. */
    public static Set<String> namesTaken(Handle h, Collection<String> nameKeys) {
        List<String> keys = List.copyOf(new HashSet<>(nameKeys));
        Set<String> taken = new HashSet<>();
        for (int from = 0; from < keys.size(); from += KEYS_PER_QUERY) {
            taken.addAll(h.createQuery(NAMES_TAKEN).bindList("keys", keys.subList(from,
                    Math.min(keys.size(), from + KEYS_PER_QUERY))).mapTo(String.class).list());
        }
        return taken;
    }

    /** Inserts the jobs, their entries and their first revisions; the caller's transaction makes it all or nothing. */
    public static void insertAll(Handle tx, List<JobCreation> creations, SqlValues values) throws SQLException {
        try (PreparedStatement jobs = tx.getConnection().prepareStatement(JobColumns.INSERT_POSITIONAL);
                PreparedStatement audit = tx.getConnection().prepareStatement(AuditColumns.INSERT);
                PreparedStatement revision = tx.getConnection().prepareStatement(RevisionColumns.INSERT)) {
            for (JobCreation creation : creations) {
                Object[] row = JobColumns.row(creation.job(), values);
                for (int i = 0; i < row.length; i++) {
                    jobs.setObject(i + 1, row[i]);
                }
                jobs.addBatch();
            }
            jobs.executeBatch();
            for (JobCreation creation : creations) {
                AuditColumns.bind(audit, creation.created(), values);
                audit.addBatch();
                RevisionColumns.bind(revision, JobRevision.first(creation.job()), values);
                revision.addBatch();
            }
            audit.executeBatch();
            revision.executeBatch();
        }
    }
}
