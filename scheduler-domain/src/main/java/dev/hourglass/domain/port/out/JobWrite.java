package dev.hourglass.domain.port.out;

import dev.hourglass.domain.model.Alert;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobRevision;
import dev.hourglass.domain.model.RunRecord;
import java.util.List;
import java.util.Objects;

/**
 * One change to a stored job, with the audit entries, run record and alerts that belong to it. A
 * store applies a write whole or not at all: a {@link Save}, {@link Edit} or {@link Remove} only
 * while the stored version is still {@code expectedVersion}, a {@link History} only while the job
 * exists.
 */
public sealed interface JobWrite permits JobWrite.Save, JobWrite.Edit, JobWrite.Remove, JobWrite.History {

    JobId jobId();

    List<AuditEntry> audit();

    /** Alerts for the outbox, stored in the same transaction as the change. */
    List<Alert> alerts();

    /**
     * Replaces the job's state with that of {@code job}, whose version is {@code expectedVersion + 1}.
     * Build it with {@link #save(Job, Job, List, RunRecord)}, which checks the definition is unchanged.
     */
    record Save(Job job, long expectedVersion, List<AuditEntry> audit, RunRecord run, List<Alert> alerts)
            implements JobWrite {

        public Save {
            Objects.requireNonNull(job, "job");
            audit = List.copyOf(audit);
            alerts = List.copyOf(alerts);
            if (job.version() != expectedVersion + 1) {
                throw new IllegalArgumentException("a saved job's version must follow the expected version");
            }
        }

        @Override
        public JobId jobId() {
            return job.id();
        }

        /** The same save, also raising {@code alert}. */
        public Save alerting(Alert alert) {
            List<Alert> more = new java.util.ArrayList<>(alerts);
            more.add(alert);
            return new Save(job, expectedVersion, audit, run, more);
        }
    }

    /**
     * Replaces the job's definition and state with those of {@code job}, an accepted edit at
     * {@code revision.revision()}, whose version is {@code expectedVersion + 1}, and adds
     * {@code revision} to the job's revisions (trimmed to the newest
     * {@link JobRevision#RETAINED_PER_JOB}). A store refuses an edit that gives the job a name
     * another job holds with {@link dev.hourglass.domain.error.DuplicateNameException}: nothing
     * of its transaction applies then. Build it with {@link #edit}.
     */
    record Edit(Job job, long expectedVersion, List<AuditEntry> audit, JobRevision revision) implements JobWrite {

        public Edit {
            Objects.requireNonNull(job, "job");
            Objects.requireNonNull(revision, "revision");
            audit = List.copyOf(audit);
            if (job.version() != expectedVersion + 1) {
                throw new IllegalArgumentException("an edited job's version must follow the expected version");
            }
            if (revision.revision() != job.revision() || !revision.jobId().equals(job.id())) {
                throw new IllegalArgumentException("an edit records the revision its job is at");
            }
        }

        @Override
        public JobId jobId() {
            return job.id();
        }

        @Override
        public List<Alert> alerts() {
            return List.of();
        }
    }

    /** Deletes the job and its run history; the audit log keeps its entries. */
    record Remove(JobId jobId, long expectedVersion, List<AuditEntry> audit) implements JobWrite {

        public Remove {
            Objects.requireNonNull(jobId, "jobId");
            audit = List.copyOf(audit);
        }

        @Override
        public List<Alert> alerts() {
            return List.of();
        }
    }

    /**
     * Adds {@code run} to the job's history and changes nothing else: the outcome of a run whose
     * claim was taken over meanwhile ({@code superseded}). Skipped when the job is gone.
     */
    record History(JobId jobId, RunRecord run) implements JobWrite {

        public History {
            Objects.requireNonNull(jobId, "jobId");
            Objects.requireNonNull(run, "run");
        }

        @Override
        public List<AuditEntry> audit() {
            return List.of();
        }

        @Override
        public List<Alert> alerts() {
            return List.of();
        }
    }

    /**
     * Saves {@code after} in place of {@code before}, which must still be what is stored. Only the
     * job's state may differ: its definition is fixed at insert, and stores need not rewrite it.
     */
    static Save save(Job before, Job after, List<AuditEntry> audit, RunRecord run) {
        if (!before.hasSameDefinition(after)) {
            throw new IllegalArgumentException("a saved job keeps its definition; only its state changes");
        }
        return new Save(after.withVersion(before.version() + 1), before.version(), audit, run, List.of());
    }

    static Save save(Job before, Job after, List<AuditEntry> audit) {
        return save(before, after, audit, null);
    }

    /**
     * Stores {@code after}, an edit of {@code before} (which must still be what is stored) one
     * revision on, by {@code editor}; identity, creation and the error count stay as they were.
     */
    static Edit edit(Job before, Job after, List<AuditEntry> audit, String editor) {
        if (!before.id().equals(after.id()) || !before.createdAt().equals(after.createdAt())
                || !before.createdBy().equals(after.createdBy()) || after.revision() != before.revision() + 1) {
            throw new IllegalArgumentException("an edit keeps the job's identity and adds exactly one revision");
        }
        Job stored = after.withVersion(before.version() + 1);
        return new Edit(stored, before.version(), audit, JobRevision.of(stored, editor));
    }

    static Remove remove(Job stored, List<AuditEntry> audit) {
        return new Remove(stored.id(), stored.version(), audit);
    }
}
