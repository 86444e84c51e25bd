package dev.hourglass.domain.port.out;

import dev.hourglass.domain.error.DuplicateNameException;
import dev.hourglass.domain.error.JobLimitReachedException;
import dev.hourglass.domain.error.UnreadableJobException;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where jobs live. Every method is atomic; every change is version-checked so that several
 * processes can share one store without losing an update.
 */
public interface JobStore {

    /**
     * Stores a new job (version 1) and its {@code create} entry atomically.
     *
     * @throws DuplicateNameException   when a job with the same {@link Job#nameKey()} exists
     * @throws JobLimitReachedException when {@code maxJobs} jobs are stored already
     */
    void insert(Job job, AuditEntry created, int maxJobs);

    /**
     * @throws UnreadableJobException when the stored row cannot be turned back into a job
     */
    Optional<Job> find(JobId id);

    /** All readable jobs, or those in {@code status}, newest first. Unreadable rows are skipped. */
    List<Job> list(Optional<JobStatus> status);

    /**
     * Up to {@code limit} jobs that may fire at {@code now}: active, enabled, not running, with
     * {@code nextRunAt <= now}, earliest first.
     */
    List<Job> due(Instant now, int limit);

    /** The earliest {@code nextRunAt} of an active, enabled job that is not running. */
    Optional<Instant> nextDueAt();

    /** Jobs holding a claim: runs that started and have not been recorded. */
    List<Job> running();

    /**
     * Applies the writes in one transaction. Each is checked on its own: a write whose job is gone
     * or whose version moved on is skipped and reported {@code false}; the others still apply.
     * A {@link JobWrite.Save} with a run record also trims that job's history to the newest
     * {@link RunHistory#RETAINED_PER_JOB} runs.
     *
     * @return for each write in order, whether it was applied
     */
    List<Boolean> apply(List<JobWrite> writes);

    default boolean apply(JobWrite write) {
        return apply(List.of(write)).get(0);
    }
}
