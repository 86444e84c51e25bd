package dev.hourglass.domain.testing;

import dev.hourglass.domain.error.DuplicateNameException;
import dev.hourglass.domain.error.InvalidInputException;
import dev.hourglass.domain.error.JobLimitReachedException;
import dev.hourglass.domain.model.Alert;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Claim;
import dev.hourglass.domain.model.Dependency;
import dev.hourglass.domain.model.DependencyUsage;
import dev.hourglass.domain.model.InstanceId;
import dev.hourglass.domain.model.InstanceInfo;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobPage;
import dev.hourglass.domain.model.JobQuery;
import dev.hourglass.domain.model.JobRevision;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.model.RunId;
import dev.hourglass.domain.model.RunRecord;
import dev.hourglass.domain.port.out.Applied;
import dev.hourglass.domain.port.out.DependencyChange;
import dev.hourglass.domain.port.out.JobCreation;
import dev.hourglass.domain.port.out.JobWrite;
import dev.hourglass.domain.port.out.SchedulerStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A store in memory, for tests and for embedders who need no durability. It keeps every promise of
 * the store ports (the shared {@code JobStoreContract} suite checks it against the real adapters),
 * with one lock for atomicity. Instance ages are judged by the instants it is given.
 */
public final class InMemoryStore implements SchedulerStore {

    private static final Duration INSTANCES_LISTED_FOR = Duration.ofHours(24);

    private final Map<JobId, Job> jobs = new LinkedHashMap<>();
    /** The order jobs were stored in, as a database's sequence: the tie-break among equal creation instants. */
    private final Map<JobId, Long> storedSeq = new HashMap<>();
    private long nextSeq = 1;
    private final List<AuditEntry> audit = new ArrayList<>();
    private final Map<JobId, Deque<RunRecord>> runs = new HashMap<>();
    private final Map<InstanceId, Registration> instances = new LinkedHashMap<>();
    private final Map<String, PendingAlert> alerts = new LinkedHashMap<>();
    private final Map<JobId, Deque<JobRevision>> revisions = new HashMap<>();
    private final Map<String, Dependency> dependencies = new java.util.TreeMap<>();

    private record Registration(String name, Instant startedAt, Instant heartbeatAt, boolean stopped) {
    }

    private record PendingAlert(Alert alert, Instant nextAttemptAt) {
    }

    // ---- JobStore

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
        storedSeq.put(job.id(), nextSeq++);
        addRevision(JobRevision.first(job));
        audit.add(created);
    }

    /** Checks the whole batch before it stores any of it, under the one lock: all or nothing. */
    @Override
    public synchronized void insertAll(List<JobCreation> creations, int maxJobs) {
        Set<String> takenKeys = namesTaken(creations.stream().map(creation -> creation.job().nameKey()).toList());
        List<String> taken = creations.stream().map(JobCreation::job)
                .filter(job -> takenKeys.contains(job.nameKey())).map(Job::name).toList();
        if (!taken.isEmpty()) {
            throw new DuplicateNameException(taken);
        }
        if ((long) jobs.size() + creations.size() > maxJobs) {
            throw new JobLimitReachedException(maxJobs, jobs.size(), creations.size());
        }
        Set<String> batchKeys = new HashSet<>();
        for (JobCreation creation : creations) {
            if (jobs.containsKey(creation.job().id())) {
                throw new IllegalStateException("job id already stored: " + creation.job().id());
            }
            if (!batchKeys.add(creation.job().nameKey())) {
                // As a database's unique index would: the transaction fails, and nothing is stored.
                throw new IllegalArgumentException("the batch holds the name '" + creation.job().name() + "' twice");
            }
        }
        for (JobCreation creation : creations) {
            insert(creation.job(), creation.created(), Integer.MAX_VALUE);
        }
    }

    @Override
    public synchronized Set<String> namesTaken(Collection<String> nameKeys) {
        Set<String> wanted = new HashSet<>(nameKeys);
        Set<String> taken = new HashSet<>();
        for (Job job : jobs.values()) {
            if (wanted.contains(job.nameKey())) {
                taken.add(job.nameKey());
            }
        }
        return taken;
    }

    @Override
    public synchronized Optional<Job> find(JobId id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public synchronized List<Job> list(Optional<JobStatus> status) {
        List<Job> newestFirst = new ArrayList<>(jobs.values());
        Collections.reverse(newestFirst);
        newestFirst.sort(Comparator.comparing(Job::createdAt).reversed());
        return newestFirst.stream().filter(job -> status.map(s -> job.status() == s).orElse(true)).toList();
    }

    /** Cursors are {@code <createdAt millis>:<stored sequence>} of the last job of a page. */
    @Override
    public synchronized JobPage page(JobQuery query) {
        Comparator<Job> newestFirst = Comparator.comparing(Job::createdAt).thenComparing(job -> storedSeq.get(job.id()))
                .reversed();
        Optional<long[]> after = Optional.ofNullable(query.cursor()).map(InMemoryStore::cursorKey);
        List<Job> matching = jobs.values().stream()
                .filter(query::matches)
                .filter(job -> after.map(key -> isAfter(job, key)).orElse(true))
                .sorted(newestFirst)
                .limit(query.limit() + 1L)
                .toList();
        if (matching.size() <= query.limit()) {
            return new JobPage(matching, null);
        }
        Job last = matching.get(query.limit() - 1);
        return new JobPage(matching.subList(0, query.limit()),
                last.createdAt().toEpochMilli() + ":" + storedSeq.get(last.id()));
    }

    private boolean isAfter(Job job, long[] key) {
        long created = job.createdAt().toEpochMilli();
        return created < key[0] || (created == key[0] && storedSeq.get(job.id()) < key[1]);
    }

    private static long[] cursorKey(String cursor) {
        String[] parts = cursor.split(":", -1);
        try {
            if (parts.length == 2) {
                return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw InvalidInputException.unknownCursor();
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
    public synchronized List<Job> claimDue(Instant dueBy, Instant now, int limit, InstanceId owner,
            Supplier<RunId> runIds) {
        List<Job> claimed = new ArrayList<>();
        for (Job job : due(dueBy, limit)) {
            Claim claim = Claim.of(runIds.get(), job.nextRunAt(), now, job.version() + 1, owner);
            Job stored = job.claim(claim, now).withVersion(job.version() + 1);
            jobs.put(job.id(), stored);
            claimed.add(stored);
        }
        return claimed;
    }

    @Override
    public synchronized Optional<Instant> nextDueAt() {
        return jobs.values().stream().filter(InMemoryStore::isFireable).map(Job::nextRunAt).min(Comparator.naturalOrder());
    }

    @Override
    public synchronized List<Job> timedPauses() {
        return jobs.values().stream()
                .filter(job -> job.pausedUntil() != null)
                .sorted(Comparator.comparing(Job::pausedUntil).thenComparing(job -> job.id().value()))
                .toList();
    }

    @Override
    public synchronized List<Job> pendingProbes() {
        return jobs.values().stream()
                .filter(job -> job.pendingProbe() != null)
                .sorted(Comparator.comparing(Job::nextProbeAt).thenComparing(job -> job.id().value()))
                .toList();
    }

    @Override
    public synchronized List<Job> watched() {
        return jobs.values().stream()
                .filter(job -> job.status() == JobStatus.ACTIVE && job.expectSuccessWithinMs() != null
                        && job.staleSince() == null)
                .toList();
    }

    @Override
    public synchronized List<Job> running() {
        return jobs.values().stream().filter(Job::isRunning).toList();
    }

    @Override
    public synchronized List<Job> orphanedClaims(Instant now, Duration lease) {
        return jobs.values().stream()
                .filter(job -> job.isRunning() && !isAlive(job.claim().owner(), now, lease))
                .toList();
    }

    @Override
    public synchronized Applied apply(List<? extends JobWrite> writes) {
        for (JobWrite write : writes) {
            if (write instanceof JobWrite.Edit edit) {
                refuseTakenName(edit.job());
            }
        }
        List<JobWrite> applied = new ArrayList<>(writes.size());
        for (JobWrite write : writes) {
            Job stored = jobs.get(write.jobId());
            boolean current = stored != null
                    && (write instanceof JobWrite.History || stored.version() == expectedVersion(write));
            if (!current) {
                continue;
            }
            if (write instanceof JobWrite.Save save) {
                jobs.put(save.jobId(), save.job());
                addRun(save.jobId(), save.run());
            } else if (write instanceof JobWrite.Edit edit) {
                jobs.put(edit.jobId(), edit.job());
                addRevision(edit.revision());
            } else if (write instanceof JobWrite.History history) {
                addRun(history.jobId(), history.run());
            } else {
                jobs.remove(write.jobId());
                storedSeq.remove(write.jobId());
                runs.remove(write.jobId());
                revisions.remove(write.jobId());
            }
            audit.addAll(write.audit());
            write.alerts().forEach(alert -> alerts.put(alert.id(), new PendingAlert(alert, alert.createdAt())));
            applied.add(write);
        }
        return Applied.of(applied);
    }

    /** A taken name refuses the whole list, as a store's unique index would roll its transaction back. */
    private void refuseTakenName(Job edited) {
        boolean taken = jobs.values().stream()
                .anyMatch(other -> !other.id().equals(edited.id()) && other.nameKey().equals(edited.nameKey()));
        if (taken) {
            throw new DuplicateNameException(edited.name());
        }
    }

    private void addRevision(JobRevision revision) {
        Deque<JobRevision> history = revisions.computeIfAbsent(revision.jobId(), id -> new ArrayDeque<>());
        history.addFirst(revision);
        while (history.size() > JobRevision.RETAINED_PER_JOB) {
            history.removeLast();
        }
    }

    private static long expectedVersion(JobWrite write) {
        if (write instanceof JobWrite.Save save) {
            return save.expectedVersion();
        }
        if (write instanceof JobWrite.Edit edit) {
            return edit.expectedVersion();
        }
        return ((JobWrite.Remove) write).expectedVersion();
    }

    private void addRun(JobId jobId, RunRecord run) {
        if (run == null) {
            return;
        }
        Deque<RunRecord> history = runs.computeIfAbsent(jobId, id -> new ArrayDeque<>());
        history.addFirst(run);
        while (history.size() > RETAINED_PER_JOB) {
            history.removeLast();
        }
    }

    @Override
    public synchronized Optional<Instant> newestUpdate() {
        return jobs.values().stream().map(Job::updatedAt).max(Comparator.naturalOrder());
    }

    /** Every stored job can be read back here, so there is never an unreadable one to remove. */
    @Override
    public synchronized boolean removeUnreadable(JobId id, AuditEntry deleted) {
        return false;
    }

    // ---- AuditLog, RunHistory

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
    public synchronized int trimAudit(Instant cutoff, int keepPerJob) {
        Map<JobId, Integer> newer = new HashMap<>();
        int before = audit.size();
        for (int i = audit.size() - 1; i >= 0; i--) {
            AuditEntry entry = audit.get(i);
            int rank = newer.merge(entry.jobId(), 1, Integer::sum);
            if (rank > keepPerJob && entry.createdAt().isBefore(cutoff)) {
                audit.remove(i);
            }
        }
        return before - audit.size();
    }

    @Override
    public synchronized List<JobRevision> revisionsOf(JobId jobId, int limit) {
        return revisions.getOrDefault(jobId, new ArrayDeque<>()).stream().limit(limit).toList();
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

    // ---- Instances

    @Override
    public synchronized void register(InstanceId id, String name, Instant now) {
        Registration previous = instances.get(id);
        instances.put(id, new Registration(name, previous == null ? now : previous.startedAt(), now, false));
    }

    @Override
    public synchronized boolean heartbeat(InstanceId id, Instant now, Duration lease) {
        boolean alive = isAlive(id, now, lease);
        Registration registration = instances.get(id);
        if (alive) {
            instances.put(id, new Registration(registration.name(), registration.startedAt(), now, false));
        }
        return alive;
    }

    @Override
    public synchronized void deregister(InstanceId id, Instant now) {
        Registration registration = instances.get(id);
        if (registration != null) {
            instances.put(id, new Registration(registration.name(), registration.startedAt(), now, true));
        }
    }

    @Override
    public synchronized List<InstanceInfo> instances(Instant now, Duration lease) {
        return instances.entrySet().stream()
                .filter(e -> !e.getValue().heartbeatAt().isBefore(now.minus(INSTANCES_LISTED_FOR)))
                .map(e -> new InstanceInfo(e.getKey(), e.getValue().name(), e.getValue().startedAt(),
                        e.getValue().heartbeatAt(), isAlive(e.getKey(), now, lease)))
                .sorted(Comparator.comparing(InstanceInfo::alive).reversed())
                .toList();
    }

    private boolean isAlive(InstanceId id, Instant now, Duration lease) {
        Registration registration = instances.get(id);
        return registration != null && !registration.stopped()
                && !registration.heartbeatAt().plus(lease).isBefore(now);
    }

    // ---- AlertOutbox

    @Override
    public synchronized List<Alert> alertsDue(Instant now, int limit) {
        return alerts.values().stream()
                .filter(pending -> !pending.nextAttemptAt().isAfter(now))
                .map(PendingAlert::alert)
                .sorted(Comparator.comparing(Alert::createdAt))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized void alertDelivered(String alertId) {
        alerts.remove(alertId);
    }

    @Override
    public synchronized void alertDeferred(String alertId, Instant nextAttemptAt, String error) {
        alerts.computeIfPresent(alertId, (id, pending) -> new PendingAlert(pending.alert(), nextAttemptAt));
    }

    @Override
    public synchronized Backlog alertBacklog() {
        return new Backlog(alerts.size(), alerts.values().stream().map(p -> p.alert().createdAt())
                .min(Comparator.naturalOrder()));
    }

    // ---- Dependencies

    @Override
    public synchronized Optional<Dependency> dependency(String key) {
        return Optional.ofNullable(dependencies.get(key));
    }

    @Override
    public synchronized List<Dependency> dependencies() {
        return List.copyOf(dependencies.values());
    }

    @Override
    public synchronized List<Job> jobsOf(String key) {
        return jobs.values().stream().filter(job -> job.dependencyKey().map(key::equals).orElse(false)).toList();
    }

    @Override
    public synchronized List<DependencyUsage> dependencyUsage() {
        Map<String, DependencyUsage> usage = new java.util.TreeMap<>();
        for (Job job : jobs.values()) {
            job.dependencyKey().ifPresent(key -> usage.merge(key,
                    new DependencyUsage(key, job.dependency(), 1, job.heldByDependency() ? 1 : 0),
                    (a, b) -> new DependencyUsage(key, a.name().compareTo(b.name()) <= 0 ? a.name() : b.name(),
                            a.jobs() + b.jobs(), a.held() + b.held())));
        }
        return List.copyOf(usage.values());
    }

    /** Whole or not at all: every version is checked before anything changes. */
    @Override
    public synchronized boolean apply(DependencyChange change) {
        long stored = Optional.ofNullable(dependencies.get(change.key())).map(Dependency::version).orElse(0L);
        if (stored != change.expectedVersion()) {
            return false;
        }
        for (JobWrite write : change.jobs()) {
            Job job = jobs.get(write.jobId());
            if (job == null || !(write instanceof JobWrite.History) && job.version() != expectedVersion(write)) {
                return false;
            }
        }
        if (apply(change.jobs()).count() != change.jobs().size()) {
            throw new IllegalStateException("a checked write did not apply");
        }
        if (change.after() != null) {
            dependencies.put(change.key(), change.after());
        }
        change.alerts().forEach(alert -> alerts.put(alert.id(), new PendingAlert(alert, alert.createdAt())));
        return true;
    }

    private static boolean isFireable(Job job) {
        return job.status() == JobStatus.ACTIVE && job.enabled() && !job.isRunning() && Objects.nonNull(job.nextRunAt())
                && !job.heldByDependency();
    }
}
