package dev.hourglass.persistence;

import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.port.out.JobWrite;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Applies a list of version-checked writes inside the caller's transaction, with one prepared
 * batch per kind of statement instead of one statement per write: the engine's group commit.
 *
 * <p>The job rows change first, in list order (a run of saves is one batch of
 * {@code UPDATE ... WHERE id = ? AND version = ?}, a run of removes one batch of deletes), so a
 * later write sees an earlier one. Then the audit entries and run records of the writes that
 * applied are inserted, still in list order, and the touched histories are trimmed. The result is
 * what applying the writes one by one would give.
 */
final class GroupWrite {

    private final Handle tx;

    GroupWrite(Handle tx) {
        this.tx = tx;
    }

    List<Boolean> apply(List<JobWrite> writes) {
        boolean[] applied = changeJobs(writes);
        insertAudit(writes, applied);
        Set<JobId> withNewRuns = insertRuns(writes, applied);
        trimRuns(withNewRuns);
        List<Boolean> result = new ArrayList<>(writes.size());
        for (boolean each : applied) {
            result.add(each);
        }
        return result;
    }

    private boolean[] changeJobs(List<JobWrite> writes) {
        boolean[] applied = new boolean[writes.size()];
        int start = 0;
        while (start < writes.size()) {
            boolean saves = writes.get(start) instanceof JobWrite.Save;
            int end = start;
            PreparedBatch batch = tx.prepareBatch(saves ? JobColumns.UPDATE : JobColumns.DELETE);
            while (end < writes.size() && (writes.get(end) instanceof JobWrite.Save) == saves) {
                JobWrite write = writes.get(end);
                if (write instanceof JobWrite.Save save) {
                    JobColumns.bind(batch, save.job());
                } else {
                    batch.bind("id", write.jobId().value());
                }
                batch.bind("expected_version", write.expectedVersion()).add();
                end++;
            }
            int[] changed = batch.execute();
            for (int i = start; i < end; i++) {
                applied[i] = changed[i - start] == 1;
            }
            start = end;
        }
        return applied;
    }

    private void insertAudit(List<JobWrite> writes, boolean[] applied) {
        PreparedBatch batch = tx.prepareBatch(AuditColumns.INSERT);
        for (int i = 0; i < writes.size(); i++) {
            if (applied[i]) {
                for (AuditEntry entry : writes.get(i).audit()) {
                    AuditColumns.bind(batch, entry).add();
                }
            }
        }
        executeUnlessEmpty(batch);
    }

    /** Inserts the runs of applied saves, except for jobs the same list removed: their history is gone. */
    private Set<JobId> insertRuns(List<JobWrite> writes, boolean[] applied) {
        Set<JobId> removed = new LinkedHashSet<>();
        for (int i = 0; i < writes.size(); i++) {
            if (applied[i] && writes.get(i) instanceof JobWrite.Remove) {
                removed.add(writes.get(i).jobId());
            }
        }
        Set<JobId> withNewRuns = new LinkedHashSet<>();
        PreparedBatch batch = tx.prepareBatch(RunColumns.INSERT);
        for (int i = 0; i < writes.size(); i++) {
            if (applied[i] && writes.get(i) instanceof JobWrite.Save save && save.run() != null
                    && !removed.contains(save.jobId())) {
                RunColumns.bind(batch, save.run()).add();
                withNewRuns.add(save.jobId());
            }
        }
        executeUnlessEmpty(batch);
        return withNewRuns;
    }

    private void trimRuns(Set<JobId> jobs) {
        PreparedBatch batch = tx.prepareBatch(RunColumns.TRIM);
        for (JobId job : jobs) {
            batch.bind("job_id", job.value()).add();
        }
        executeUnlessEmpty(batch);
    }

    private static void executeUnlessEmpty(PreparedBatch batch) {
        if (batch.size() > 0) {
            batch.execute();
        } else {
            batch.close();
        }
    }
}
