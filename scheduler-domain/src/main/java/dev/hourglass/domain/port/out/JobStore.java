package dev.hourglass.domain.port.out;

import dev.hourglass.domain.error.DuplicateNameException;
import dev.hourglass.domain.error.JobLimitReachedException;
import dev.hourglass.domain.error.UnreadableJobException;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.InstanceId;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobPage;
import dev.hourglass.domain.model.JobQuery;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.model.JobSummary;
import dev.hourglass.domain.model.RunId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where jobs live. Every method is atomic; every change is version-checked so that several
 * processes can share one store without losing an update. A store failure is a
 * {@link dev.hourglass.domain.error.StoreUnavailableException}.
 */
public interface JobStore {

    /**
     * Stores a new job (version 1) with its first revision ({@link dev.hourglass.domain.model.JobRevision#first})
     * and its {@code create} entry atomically.
     *
     * @throws DuplicateNameException   when a job with the same {@link Job#nameKey()} exists
     * @throws JobLimitReachedException when {@code maxJobs} jobs are stored already
     */
    void insert(Job job, AuditEntry created, int maxJobs);

    /**
     * Stores new jobs, each as {@link #insert} does (version 1, its first revision, its {@code create}
     * entry), all in one transaction: every one of them or none. The limit holds for the whole batch
     * against concurrent writers: the stored jobs and these together are at most {@code maxJobs}.
     *
     * @throws DuplicateNameException   naming every job of {@code jobs} whose {@link Job#nameKey()}
     *                                  a stored job holds (the caller keeps the batch's own names apart)
     * @throws JobLimitReachedException when the jobs do not fit under {@code maxJobs}
     */
    void insertAll(List<JobCreation> jobs, int maxJobs);

    /** Those of {@code nameKeys} ({@link Job#nameKey()}) that stored jobs hold. */
    Set<String> namesTaken(Collection<String> nameKeys);

    /**
     * @throws UnreadableJobException when the stored row cannot be turned back into a job
     */
    Optional<Job> find(JobId id);

    /** All readable jobs, or those in {@code status}, newest first. Unreadable rows are skipped. */
    List<Job> list(Optional<JobStatus> status);

    /**
     * One page of the readable jobs that {@code query} selects, newest first (latest {@code createdAt},
     * the latest stored first among equals), at most {@code query.limit()} of them, after
     * {@code query.cursor()} when set. The cursor a store gives out is its own: keyed on the order
     * itself, so that creates and deletes between pages never make one skip or repeat a job.
     *
     * @throws dev.hourglass.domain.error.InvalidInputException naming {@code cursor} for a cursor it did not give out
     */
    JobPage page(JobQuery query);

    /**
     * The counts of the summary over every job. This default reads every job; a store that can
     * count in one query should.
     */
    default JobSummary summarize() {
        return JobSummary.of(list(Optional.empty()));
    }

    /**
     * How many readable jobs are in each status, every status a key: what a metrics scrape reads.
     * This default reads every job; a store that can count in one query should.
     */
    default Map<JobStatus, Integer> countByStatus() {
        Map<JobStatus, Integer> counts = new EnumMap<>(JobStatus.class);
        for (JobStatus status : JobStatus.values()) {
            counts.put(status, 0);
        }
        for (Job job : list(Optional.empty())) {
            counts.merge(job.status(), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * Up to {@code limit} jobs that may fire at {@code now}: active, enabled, not running, with
     * {@code nextRunAt <= now}, earliest first.
     */
    List<Job> due(Instant now, int limit);

    /**
     * Claims, in one transaction at {@code now}, up to {@code limit} of the jobs {@link #due} by
     * {@code dueBy} (now or a moment later: the engine claims a little ahead, so that the claim's
     * commit is not part of a run's lag) for {@code owner}, earliest first: each gets a
     * {@link dev.hourglass.domain.model.Claim} with a run id from {@code runIds}, its {@code nextRunAt}
     * as the planned instant, claimed at {@code now}, epoch 1, and the next version. Jobs another
     * writer is claiming at the same moment are skipped, never waited for.
     *
     * @return the claimed jobs as stored, earliest due first
     */
    List<Job> claimDue(Instant dueBy, Instant now, int limit, InstanceId owner, Supplier<RunId> runIds);

    /** Claims the jobs due at {@code now}: {@link #claimDue(Instant, Instant, int, InstanceId, Supplier)} with no lead. */
    default List<Job> claimDue(Instant now, int limit, InstanceId owner, Supplier<RunId> runIds) {
        return claimDue(now, now, limit, owner, runIds);
    }

    /** The earliest {@code nextRunAt} of an active, enabled job that is not running. */
    Optional<Instant> nextDueAt();

    /** Paused jobs that resume by themselves ({@code pausedUntil} set), the earliest end first. */
    List<Job> timedPauses();

    /**
     * Failed jobs with a probe pending ({@link Job#pendingProbe()} set), running or not, the earliest
     * probe first.
     */
    List<Job> pendingProbes();

    /**
     * Active jobs with {@code expectSuccessWithinMs} set and no open stale episode: those that may
     * turn stale. Which of them are stale at an instant is the domain's to judge.
     */
    List<Job> watched();

    /** Jobs holding a claim: runs that started and have not been recorded. */
    List<Job> running();

    /**
     * Jobs whose claim belongs to an instance that is not alive at {@code now}: stopped, unknown, or
     * silent for longer than {@code lease}. Stores with a clock of their own (a database server)
     * judge ages by it; the others by {@code now}.
     */
    List<Job> orphanedClaims(Instant now, Duration lease);

    /**
     * Applies the writes in one transaction. Each is checked on its own: a write whose job is gone
     * or whose version moved on is skipped; the others still apply. A write with a run record also
     * trims that job's history to the newest {@link RunHistory#RETAINED_PER_JOB} runs.
     */
    Applied apply(List<? extends JobWrite> writes);

    default boolean apply(JobWrite write) {
        return apply(List.of(write)).contains(write);
    }

    /** The latest {@code updatedAt} of any job: a clock reading earlier than this is not trusted to sweep. */
    Optional<Instant> newestUpdate();

    /**
     * Deletes a job whose row cannot be read (see {@link UnreadableJobException}), writing
     * {@code deleted} in the same transaction; false when no such row exists.
     */
    boolean removeUnreadable(JobId id, AuditEntry deleted);
}
