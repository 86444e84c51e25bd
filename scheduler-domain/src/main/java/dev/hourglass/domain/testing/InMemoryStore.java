package dev.hourglass.domain.testing;

import dev.hourglass.domain.error.DuplicateNameException;
import dev.hourglass.domain.error.JobLimitReachedException;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.model.RunRecord;
import dev.hourglass.domain.port.out.AuditLog;
import dev.hourglass.domain.port.out.JobStore;
import dev.hourglass.domain.port.out.JobWrite;
import dev.hourglass.domain.port.out.RunHistory;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A store in memory, for tests and for embedders who need no durability. It keeps every promise of
 * the store ports (the shared {@code JobStoreContract} suite checks it against the real adapters),
 * with one lock for atomicity.
 */
public final class InMemoryStore implements JobStore, AuditLog, RunHistory {

    private final Map<JobId, Job> jobs = new LinkedHashMap<>();
    private final List<AuditEntry> audit = new ArrayList<>();
    private final Map<JobId, Deque<RunRecord>> runs = new HashMap<>();

    @Override
    public synchronized void insert(Job job, AuditEntry created, int maxJobs) {
        if (jobs.values().stream().anyMatch(existing -> existing.nameKey().equals(job.nameKey()))) {
            throw new DuplicateNameException(job.name());
        }
        if (jobs.size() >= maxJobs) {
            throw new JobLimitReachedException(maxJobs);
        }
        if (jobs.containsKey(job.id())) {
            throw new IllegalStateException("job id already stored: " + job.id());
        }
        jobs.put(job.id(), job);
        audit.add(created);
    }

    @Override
    public synchronized Optional<Job> find(JobId id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public synchronized List<Job> list(Optional<JobStatus> status) {
        List<Job> newestFirst = new ArrayList<>(jobs.values());
        java.util.Collections.reverse(newestFirst);
        newestFirst.sort(Comparator.comparing(Job::createdAt).reversed());
        return newestFirst.stream().filter(job -> status.map(s -> job.status() == s).orElse(true)).toList();
    }

    @Override
    public synchronized List<Job> due(Instant now, int limit) {
        return jobs.values().stream()
                .filter(job -> isFireable(job) && !job.nextRunAt().isAfter(now))
                .sorted(Comparator.comparing(Job::nextRunAt).thenComparing(job -> job.id().value()))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized Optional<Instant> nextDueAt() {
        return jobs.values().stream().filter(InMemoryStore::isFireable).map(Job::nextRunAt).min(Comparator.naturalOrder());
    }

    @Override
    public synchronized List<Job> running() {
        return jobs.values().stream().filter(Job::isRunning).toList();
    }

    @Override
    public synchronized List<Boolean> apply(List<JobWrite> writes) {
        List<Boolean> applied = new ArrayList<>(writes.size());
        for (JobWrite write : writes) {
            Job stored = jobs.get(write.jobId());
            boolean current = stored != null && stored.version() == write.expectedVersion();
            if (current) {
                if (write instanceof JobWrite.Save save) {
                    jobs.put(save.jobId(), save.job());
                    if (save.run() != null) {
                        Deque<RunRecord> history = runs.computeIfAbsent(save.jobId(), id -> new ArrayDeque<>());
                        history.addFirst(save.run());
                        while (history.size() > RETAINED_PER_JOB) {
                            history.removeLast();
                        }
                    }
                } else {
                    jobs.remove(write.jobId());
                    runs.remove(write.jobId());
                }
                audit.addAll(write.audit());
            }
            applied.add(current);
        }
        return applied;
    }

    @Override
    public synchronized List<AuditEntry> entriesFor(JobId jobId, int limit) {
        List<AuditEntry> found = new ArrayList<>();
        for (int i = audit.size() - 1; i >= 0 && found.size() < limit; i--) {
            if (audit.get(i).jobId().equals(jobId)) {
                found.add(audit.get(i));
            }
        }
        return found;
    }

    @Override
    public synchronized List<RunRecord> runsOf(JobId jobId, int limit) {
        Deque<RunRecord> history = runs.getOrDefault(jobId, new ArrayDeque<>());
        List<RunRecord> found = new ArrayList<>();
        for (Iterator<RunRecord> it = history.iterator(); it.hasNext() && found.size() < limit; ) {
            found.add(it.next());
        }
        return found;
    }

    private static boolean isFireable(Job job) {
        return job.status() == JobStatus.ACTIVE && job.enabled() && !job.isRunning() && Objects.nonNull(job.nextRunAt());
    }
}
