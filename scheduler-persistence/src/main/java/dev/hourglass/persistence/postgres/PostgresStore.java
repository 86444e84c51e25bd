package dev.hourglass.persistence.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.hourglass.domain.error.DuplicateNameException;
import dev.hourglass.domain.error.JobLimitReachedException;
import dev.hourglass.domain.model.Alert;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Incident;
import dev.hourglass.domain.model.IncidentRule;
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
import dev.hourglass.domain.model.JobSummary;
import dev.hourglass.domain.model.RunId;
import dev.hourglass.domain.model.RunRecord;
import dev.hourglass.domain.port.out.Applied;
import dev.hourglass.domain.port.out.IncidentChanges;
import dev.hourglass.domain.port.out.DependencyChange;
import dev.hourglass.domain.port.out.JobCreation;
import dev.hourglass.domain.port.out.JobWrite;
import dev.hourglass.domain.port.out.ScheduleChanges;
import dev.hourglass.domain.port.out.SchedulerStore;
import dev.hourglass.domain.port.out.Singletons;
import dev.hourglass.persistence.StoreException;
import dev.hourglass.persistence.jdbc.AlertColumns;
import dev.hourglass.persistence.jdbc.AuditColumns;
import dev.hourglass.persistence.jdbc.Columns;
import dev.hourglass.persistence.jdbc.DependencyColumns;
import dev.hourglass.persistence.jdbc.DependencyWrite;
import dev.hourglass.persistence.jdbc.GroupWrite;
import dev.hourglass.persistence.jdbc.IncidentColumns;
import dev.hourglass.persistence.jdbc.IncidentWrites;
import dev.hourglass.persistence.jdbc.JobInserts;
import dev.hourglass.persistence.jdbc.JobColumns;
import dev.hourglass.persistence.jdbc.JobReads;
import dev.hourglass.persistence.jdbc.JobRow;
import dev.hourglass.persistence.jdbc.RevisionColumns;
import dev.hourglass.persistence.jdbc.RunColumns;
import dev.hourglass.persistence.jdbc.SqlValues;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store on a PostgreSQL database that several instances share: jobs, audit log, run history,
 * instances and the alert outbox, through JDBI over a HikariCP pool, schema by Flyway.
 *
 * <p>Concurrency is PostgreSQL's, under READ COMMITTED: due jobs are claimed in one
 * {@code UPDATE ... FOR UPDATE SKIP LOCKED} statement, so instances never fight over a row; a
 * group of writes locks its rows in id order before it changes them, so two instances never
 * deadlock on each other; a deadlock or serialization failure that happens anyway (40P01, 40001)
 * is retried here, never passed on. Inserts take one advisory transaction lock, so the job limit
 * holds across instances (no count-then-insert race).
 *
 * <p><b>Time.</b> Instance heartbeats, lease ages and orphaned claims are judged by the database's
 * clock ({@code now()}), never by the hosts': the {@code now} argument of {@link #register},
 * {@link #heartbeat}, {@link #deregister}, {@link #instances} and {@link #orphanedClaims} is
 * ignored, and the instants they report are the database's. Jobs keep the instants the domain
 * gives them (planned fires, claims, updates), as on SQLite.
 *
 * <p><b>Cluster.</b> As {@link Singletons} it runs a task under a session advisory lock; as
 * {@link ScheduleChanges} it hears {@code LISTEN/NOTIFY}: every transaction that leaves a job due
 * within {@link #SOON} of its change sends {@code pg_notify} itself, so the signal is sent exactly
 * when the change commits. Jobs due later are found by the dispatchers' 1 s poll anyway.
 */
public final class PostgresStore implements SchedulerStore, Singletons, ScheduleChanges, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);
    private static final SqlValues VALUES = SqlValues.POSTGRES;
    private static final int ATTEMPTS = 5;
    /** PostgreSQL's unique_violation: here, a name another job took in a concurrent transaction. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final PostgresOptions options;
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final JobReads jobs;
    private final PostgresSingletons singletons;
    private final PostgresListener listener;
    private volatile IncidentRule incidentRule = IncidentRule.DEFAULT;

    /** A change leaving a job due within this of its {@code updatedAt} is signalled to the other instances. */
    static final Duration SOON = Duration.ofSeconds(1);

    private PostgresStore(PostgresOptions options, HikariDataSource pool) {
        this.options = options;
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
        this.singletons = new PostgresSingletons(pool);
        this.listener = new PostgresListener(options);
        this.jobs = new JobReads(LOG, options.describe());
    }

    /** Connects to {@code url} ({@code postgresql://user@host:port/name} or {@code jdbc:postgresql://...}). */
    public static PostgresStore open(String url, String password) {
        return open(PostgresOptions.fromUrl(url, password));
    }

    /**
     * Connects and migrates the schema (under Flyway's lock).
     *
     * @throws dev.hourglass.persistence.SchemaTooNewException when a newer Hourglass wrote the schema
     * @throws StoreException when the database cannot be reached or migrated
     */
    public static PostgresStore open(PostgresOptions options) {
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(poolConfig(options));
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to " + options.describe() + ": " + rootMessage(e), e);
        }
        PostgresStore store = new PostgresStore(options, pool);
        try {
            PostgresMigrations.migrate(pool, options.describe());
            return store;
        } catch (dev.hourglass.persistence.SchemaTooNewException e) {
            store.close();
            throw e;
        } catch (RuntimeException e) {
            store.close();
            throw new StoreException("cannot open " + options.describe() + ": " + rootMessage(e), e);
        }
    }

    /**
     * How long a connection of the pool may sit idle inside a transaction before the server ends its
     * session. The store's transactions never wait on anything but the database, so only a writer
     * that froze between two statements (SIGSTOP, a paused VM) idles this long; it would otherwise
     * keep its row locks, and every live instance's takeover of its claims blocked behind them, for
     * as long as it is frozen. Below the shortest sensible lease, so the locks are gone by the time
     * the lease is.
     */
    static final int TRANSACTION_IDLE_LIMIT_MS = 3_000;

    static HikariConfig poolConfig(PostgresOptions options) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(options.jdbcUrl());
        if (options.user() != null) {
            config.setUsername(options.user());
        }
        if (options.password() != null) {
            config.setPassword(options.password());
        }
        config.setMaximumPoolSize(options.poolSize());
        config.setMinimumIdle(1);
        config.setPoolName("hourglass-postgres");
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "hourglass");
        config.setConnectionInitSql("SET idle_in_transaction_session_timeout = " + TRANSACTION_IDLE_LIMIT_MS);
        return config;
    }

    // ---- JobStore

    @Override
    public void insert(Job job, AuditEntry created, int maxJobs) {
        transaction("insert job " + job.id(), tx -> {
            tx.execute(PostgresSql.INSERT_LOCK);
            if (tx.createQuery(JobColumns.COUNT).mapTo(Long.class).one() >= maxJobs) {
                throw new JobLimitReachedException(maxJobs);
            }
            if (tx.createQuery(JobColumns.NAME_TAKEN).bind("name_key", job.nameKey()).mapTo(Long.class).one() > 0) {
                throw new DuplicateNameException(job.name());
            }
            JobColumns.bind(tx.createUpdate(JobColumns.INSERT), job, VALUES).execute();
            auditOne(tx, created);
            try (PreparedStatement revision = tx.getConnection().prepareStatement(RevisionColumns.INSERT)) {
                RevisionColumns.bind(revision, JobRevision.first(job), VALUES);
                revision.executeUpdate();
            } catch (SQLException e) {
                throw new StoreException("cannot record the first revision of job " + job.id() + ": " + e.getMessage(), e);
            }
            if (dueSoon(job)) {
                notifyChange(tx);
            }
            return null;
        });
    }

    /**
     * One transaction under the insert lock, as {@link #insert}: the names check, the count and the
     * inserts are one step across the cluster, so two batches never both take the last places. The
     * one race left, an edit that renames a job to a name of the batch meanwhile (edits take no
     * insert lock), ends in the unique index, and is answered as the duplicate it is.
     */
    @Override
    public void insertAll(List<JobCreation> creations, int maxJobs) {
        if (creations.isEmpty()) {
            return;
        }
        List<String> keys = creations.stream().map(creation -> creation.job().nameKey()).toList();
        try {
            transaction("insert " + creations.size() + " jobs", tx -> {
                tx.execute(PostgresSql.INSERT_LOCK);
                refuseTakenNames(creations, JobInserts.namesTaken(tx, keys));
                long stored = tx.createQuery(JobColumns.COUNT).mapTo(Long.class).one();
                if (stored + creations.size() > maxJobs) {
                    throw new JobLimitReachedException(maxJobs, stored, creations.size());
                }
                try {
                    JobInserts.insertAll(tx, creations, VALUES);
                } catch (SQLException e) {
                    throw new StoreException("cannot insert " + creations.size() + " jobs: " + e.getMessage(), e);
                }
                if (creations.stream().anyMatch(creation -> dueSoon(creation.job()))) {
                    notifyChange(tx);
                }
                return null;
            });
        } catch (StoreException e) {
            if (UNIQUE_VIOLATION.equals(sqlState(e))) {
                refuseTakenNames(creations, namesTaken(keys));
            }
            throw e;
        }
    }

    private static void refuseTakenNames(List<JobCreation> creations, Set<String> taken) {
        if (!taken.isEmpty()) {
            throw new DuplicateNameException(creations.stream().map(JobCreation::job)
                    .filter(job -> taken.contains(job.nameKey())).map(Job::name).toList());
        }
    }

    @Override
    public Set<String> namesTaken(Collection<String> nameKeys) {
        if (nameKeys.isEmpty()) {
            return Set.of();
        }
        return read("look up " + nameKeys.size() + " names", h -> JobInserts.namesTaken(h, nameKeys));
    }

    private static void auditOne(Handle tx, AuditEntry entry) {
        try (PreparedStatement audit = tx.getConnection().prepareStatement(AuditColumns.INSERT)) {
            AuditColumns.bind(audit, entry, VALUES);
            audit.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot record audit entry for job " + entry.jobId() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Job> find(JobId id) {
        return read("find job " + id, h -> jobs.find(h, id));
    }

    @Override
    public List<Job> list(Optional<JobStatus> status) {
        return read("list jobs", h -> jobs.list(h, status));
    }

    @Override
    public JobPage page(JobQuery query) {
        return read("list a page of jobs", h -> jobs.page(h, query, VALUES, "strpos(name_key, :q) > 0"));
    }

    @Override
    public JobSummary summarize() {
        return read("summarize the jobs", jobs::summarize);
    }

    @Override
    public List<Job> due(Instant now, int limit) {
        return read("read due jobs", h -> {
            try (Stream<JobRow> rows = h.createQuery(PostgresSql.DUE).bind("now", VALUES.instant(now))
                    .map(JobColumns.MAPPER).stream()) {
                return readable(rows).limit(limit).toList();
            }
        });
    }

    @Override
    public Optional<Instant> nextDueAt() {
        return read("read the next due time", h -> {
            // One row, past the rows already known to be unreadable.
            try (Stream<JobRow> rows = h.createQuery(PostgresSql.FIREABLE_IN_ORDER)
                    .bind("limit", 1 + jobs.unreadableSeen()).map(JobColumns.MAPPER).stream()) {
                return readable(rows).findFirst().map(Job::nextRunAt);
            }
        });
    }

    @Override
    public List<Job> running() {
        return read("read running jobs", jobs::running);
    }

    @Override
    public List<Job> timedPauses() {
        return readJobs("read the timed pauses", JobColumns.TIMED_PAUSES);
    }

    @Override
    public List<Job> pendingProbes() {
        return readJobs("read the pending probes", JobColumns.PENDING_PROBES);
    }

    @Override
    public List<Job> watched() {
        return readJobs("read the jobs watched for staleness", JobColumns.WATCHED);
    }

    private List<Job> readJobs(String doing, String sql) {
        return read(doing, h -> {
            try (Stream<JobRow> rows = h.createQuery(sql).map(JobColumns.MAPPER).stream()) {
                return readable(rows).toList();
            }
        });
    }

    @Override
    public List<JobRevision> revisionsOf(JobId jobId, int limit) {
        return read("read the revisions of job " + jobId, h -> h.createQuery(RevisionColumns.NEWEST_OF_JOB)
                .bind("job_id", jobId.value()).bind("limit", limit).map(RevisionColumns.MAPPER).list());
    }

    /**
     * One {@code UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED) RETURNING}: rows another
     * instance is claiming are skipped, never waited for. The run ids are taken from {@code runIds}
     * before the statement, {@code limit} of them, and paired with the claimed rows in due order. A
     * row that turns out unreadable undoes the statement, which runs again without it.
     */
    @Override
    public List<Job> claimDue(Instant dueBy, Instant now, int limit, InstanceId owner, Supplier<RunId> runIds) {
        if (limit <= 0) {
            return List.of();
        }
        String[] ids = new String[limit];
        for (int i = 0; i < limit; i++) {
            ids[i] = runIds.get().value();
        }
        Set<String> skip = new TreeSet<>(jobs.unreadableIds());
        while (true) {
            List<JobRow> rows = transaction("claim due jobs", tx -> tx.createQuery(PostgresSql.CLAIM)
                    .bind("due_by", VALUES.instant(dueBy)).bind("now", VALUES.instant(now)).bind("limit", limit)
                    .bind("owner", owner.value())
                    .bind("skip", skip.toArray(new String[0])).bind("run_ids", ids)
                    .map(JobColumns.MAPPER).list());
            List<JobRow> unreadable = rows.stream().filter(row -> !row.isReadable()).toList();
            if (unreadable.isEmpty()) {
                return rows.stream().map(JobRow::job)
                        .sorted(Comparator.comparing((Job job) -> job.claim().plannedAt()).thenComparing(job -> job.id().value()))
                        .toList();
            }
            // Undo the claims of this statement's unreadable rows; keep the readable ones.
            transaction("release unreadable claims", tx -> {
                for (JobRow row : unreadable) {
                    tx.createUpdate("UPDATE jobs SET claim_run_id = NULL, claim_planned_at = NULL, claimed_at = NULL,"
                            + " claim_version = NULL, claim_owner = NULL, claim_epoch = NULL, version = version - 1"
                            + " WHERE id = :id").bind("id", row.id()).execute();
                }
                return null;
            });
            readable(unreadable.stream()).count();
            unreadable.forEach(row -> skip.add(row.id()));
            List<Job> readable = rows.stream().filter(JobRow::isReadable).map(JobRow::job)
                    .sorted(Comparator.comparing((Job job) -> job.claim().plannedAt()).thenComparing(job -> job.id().value()))
                    .toList();
            if (!readable.isEmpty()) {
                return readable;
            }
        }
    }

    @Override
    public List<Job> orphanedClaims(Instant now, Duration lease) {
        return read("read orphaned claims", h -> {
            try (Stream<JobRow> rows = h.createQuery(PostgresSql.ORPHANED).bind("lease_ms", lease.toMillis())
                    .map(JobColumns.MAPPER).stream()) {
                return readable(rows).toList();
            }
        });
    }

    /** Locks the touched rows in id order, then applies the writes in their order, in one transaction. */
    @Override
    public Applied apply(List<? extends JobWrite> writes) {
        if (writes.isEmpty()) {
            return Applied.none();
        }
        String[] touched = writes.stream().map(write -> write.jobId().value()).distinct().sorted().toArray(String[]::new);
        try {
            return applyLocked(writes, touched);
        } catch (StoreException e) {
            // Two edits that took one name at once: the unique index refuses the later, as the
            // check before it would have, had it seen the other's commit.
            Optional<JobWrite.Edit> edit = writes.stream().filter(JobWrite.Edit.class::isInstance)
                    .map(JobWrite.Edit.class::cast).findFirst();
            if (UNIQUE_VIOLATION.equals(sqlState(e)) && edit.isPresent()) {
                throw new DuplicateNameException(edit.get().job().name());
            }
            throw e;
        }
    }

    private Applied applyLocked(List<? extends JobWrite> writes, String[] touched) {
        return transaction("apply " + writes.size() + " write(s)", tx -> {
            try (PreparedStatement lock = tx.getConnection().prepareStatement(PostgresSql.LOCK_IN_ORDER)) {
                lock.setArray(1, tx.getConnection().createArrayOf("text", touched));
                lock.executeQuery().close();
            } catch (SQLException e) {
                throw new StoreException("cannot lock " + touched.length + " job(s): " + e.getMessage(), e);
            }
            Applied applied = new GroupWrite(tx, VALUES, incidentWrites(tx)).apply(writes);
            if (applied.writes().stream().anyMatch(write -> dueSoon(write))) {
                notifyChange(tx);
            }
            return applied;
        });
    }

    /** Incidents kept in the transaction of {@code tx}, each signature's writers ordered by an advisory lock. */
    private IncidentWrites incidentWrites(Handle tx) {
        return new IncidentWrites(tx.getConnection(), VALUES, incidentRule, PostgresIncidentLocks.INSTANCE);
    }

    @Override
    public Optional<Instant> newestUpdate() {
        return read("read the newest change", h -> h.createQuery(JobColumns.NEWEST_UPDATE)
                .map((rs, ctx) -> Optional.ofNullable(new Columns(rs).instant("newest"))).one());
    }

    @Override
    public boolean removeUnreadable(JobId id, AuditEntry deleted) {
        return transaction("remove job " + id, tx -> {
            IncidentWrites incidents = incidentWrites(tx);
            try {
                Map<JobId, String> before = incidents.before(List.of(id));
                if (tx.createUpdate(JobColumns.DELETE_ANY).bind("id", id.value()).execute() == 0) {
                    return false;
                }
                auditOne(tx, deleted);
                incidents.keep(IncidentChanges.of(before, List.of(new JobWrite.Remove(id, 0, List.of(deleted)))));
                return true;
            } catch (SQLException e) {
                throw new StoreException("cannot remove job " + id + ": " + e.getMessage(), e);
            }
        });
    }

    // ---- Incidents

    @Override
    public void keepIncidentsBy(IncidentRule rule) {
        incidentRule = java.util.Objects.requireNonNull(rule, "rule");
    }

    @Override
    public List<Incident> incidents(boolean openOnly) {
        return read("list incidents", h -> IncidentColumns.list(h, VALUES, openOnly));
    }

    @Override
    public Optional<Incident> incident(String id) {
        return read("find incident " + id, h -> IncidentColumns.find(h, id));
    }

    @Override
    public List<JobId> failingWith(String signature) {
        return read("read the jobs of an incident", h -> IncidentColumns.failingWith(h, signature));
    }

    @Override
    public int openIncidents() {
        return read("count open incidents", h -> IncidentColumns.openCount(h, VALUES));
    }

    // ---- Dependencies

    @Override
    public Optional<Dependency> dependency(String key) {
        return read("read dependency " + key, h -> DependencyColumns.find(h, key));
    }

    @Override
    public List<Dependency> dependencies() {
        return read("read the dependencies", DependencyColumns::all);
    }

    @Override
    public List<Job> jobsOf(String key) {
        return read("read the jobs of dependency " + key, h -> jobs.ofDependency(h, key));
    }

    @Override
    public List<DependencyUsage> dependencyUsage() {
        return read("count the jobs of each dependency", h -> h.createQuery(JobColumns.DEPENDENCY_USAGE)
                .map(DependencyColumns.USAGE).list());
    }

    /**
     * One transaction: the touched job rows locked in id order (as {@link #apply(List)} does, so the
     * two never wait for each other in a circle), then the dependency's row under its version check,
     * then the job writes; rolled back unless all of it applies. Releases that make jobs due soon
     * are signalled to the other instances.
     */
    @Override
    public boolean apply(DependencyChange change) {
        String[] touched = change.jobs().stream().map(write -> write.jobId().value()).distinct().sorted()
                .toArray(String[]::new);
        try {
            return transaction("change dependency " + change.key(), tx -> {
                if (touched.length > 0) {
                    try (PreparedStatement lock = tx.getConnection().prepareStatement(PostgresSql.LOCK_IN_ORDER)) {
                        lock.setArray(1, tx.getConnection().createArrayOf("text", touched));
                        lock.executeQuery().close();
                    } catch (SQLException e) {
                        throw new StoreException("cannot lock " + touched.length + " job(s): " + e.getMessage(), e);
                    }
                }
                if (!new DependencyWrite(tx, VALUES, true, incidentWrites(tx)).apply(change)) {
                    throw new ChangeRefused();
                }
                if (change.jobs().stream().anyMatch(PostgresStore::dueSoon)) {
                    notifyChange(tx);
                }
                return true;
            });
        } catch (ChangeRefused refused) {
            return false;
        }
    }

    /** Rolls back a dependency change that did not apply whole. */
    private static final class ChangeRefused extends RuntimeException {

        ChangeRefused() {
            super(null, null, false, false);
        }
    }

    // ---- Instances: every time here is the database's

    @Override
    public void register(InstanceId id, String name, Instant now) {
        transaction("register instance " + id, h -> h.createUpdate(PostgresSql.REGISTER)
                .bind("id", id.value()).bind("name", name).execute());
    }

    @Override
    public boolean heartbeat(InstanceId id, Instant now, Duration lease) {
        return transaction("renew the heartbeat of " + id, h -> h.createUpdate(PostgresSql.RENEW)
                .bind("id", id.value()).bind("lease_ms", lease.toMillis()).execute() == 1);
    }

    @Override
    public void deregister(InstanceId id, Instant now) {
        transaction("deregister instance " + id, h -> h.createUpdate(PostgresSql.DEREGISTER)
                .bind("id", id.value()).execute());
    }

    @Override
    public List<InstanceInfo> instances(Instant now, Duration lease) {
        return read("list instances", h -> h.createQuery(PostgresSql.RECENT).bind("lease_ms", lease.toMillis())
                .map((rs, ctx) -> {
                    Columns row = new Columns(rs);
                    return new InstanceInfo(new InstanceId(row.requiredText("id")), row.requiredText("name"),
                            row.requiredInstant("started_at"), row.requiredInstant("heartbeat_at"), row.flag("alive"));
                }).list());
    }

    // ---- AlertOutbox

    @Override
    public List<Alert> alertsDue(Instant now, int limit) {
        return read("read due alerts", h -> h.createQuery(AlertColumns.DUE).bind("now", VALUES.instant(now))
                .bind("limit", limit).map(AlertColumns.MAPPER).list());
    }

    @Override
    public void alertDelivered(String alertId) {
        transaction("mark alert " + alertId + " delivered", h -> h.createUpdate(AlertColumns.DELIVERED)
                .bind("id", alertId).execute());
    }

    @Override
    public void alertDeferred(String alertId, Instant nextAttemptAt, String error) {
        transaction("defer alert " + alertId, h -> h.createUpdate(AlertColumns.DEFERRED)
                .bind("id", alertId).bind("next", VALUES.instant(nextAttemptAt)).bind("error", error).execute());
    }

    @Override
    public Backlog alertBacklog() {
        return read("count waiting alerts", h -> h.createQuery(AlertColumns.BACKLOG).map((rs, ctx) -> new Backlog(
                rs.getInt("waiting"), Optional.ofNullable(new Columns(rs).instant("oldest")))).one());
    }

    // ---- AuditLog, RunHistory

    @Override
    public List<AuditEntry> entriesFor(JobId jobId, int limit) {
        return read("read the audit of job " + jobId, h -> h.createQuery(AuditColumns.NEWEST_OF_JOB)
                .bind("job_id", jobId.value()).bind("limit", limit).map(AuditColumns.MAPPER).list());
    }

    @Override
    public int trimAudit(Instant cutoff, int keepPerJob) {
        return transaction("trim the audit log", h -> h.createUpdate(AuditColumns.TRIM)
                .bind("cutoff", VALUES.instant(cutoff)).bind("keep", keepPerJob).execute());
    }

    @Override
    public List<RunRecord> runsOf(JobId jobId, int limit) {
        return read("read the runs of job " + jobId, h -> h.createQuery(RunColumns.NEWEST_OF_JOB)
                .bind("job_id", jobId.value()).bind("limit", limit).map(RunColumns.MAPPER).list());
    }

    // ---- Singletons, ScheduleChanges

    @Override
    public boolean runExclusively(String task, Runnable work) {
        return edge("run " + task + " under its lock", () -> singletons.runExclusively(task, work));
    }

    @Override
    public Subscription subscribe(Runnable onChange) {
        return listener.subscribe(onChange);
    }

    private static boolean dueSoon(JobWrite write) {
        return write instanceof JobWrite.Save save ? dueSoon(save.job())
                : write instanceof JobWrite.Edit edit && dueSoon(edit.job());
    }

    static boolean dueSoon(Job job) {
        return job.status() == JobStatus.ACTIVE && job.enabled() && job.claim() == null && job.nextRunAt() != null
                && !job.nextRunAt().isAfter(job.updatedAt().plus(SOON));
    }

    /** Sent inside the changing transaction: PostgreSQL delivers it when, and only if, that commits. */
    private static void notifyChange(Handle tx) {
        tx.execute(PostgresListener.NOTIFY);
    }

    @Override
    public void close() {
        listener.close();
        pool.close();
    }

    @Override
    public String toString() {
        return "PostgresStore[" + options.describe() + "]";
    }

    // ---- the edge

    private Stream<Job> readable(Stream<JobRow> rows) {
        return jobs.readable(rows);
    }

    private <T> T read(String doing, HandleCallback<T, RuntimeException> work) {
        return edge(doing, () -> jdbi.withHandle(work));
    }

    /** One READ COMMITTED transaction, retried on a deadlock (40P01) or a serialization failure (40001). */
    private <T> T transaction(String doing, HandleCallback<T, RuntimeException> work) {
        return edge(doing, () -> {
            for (int attempt = 1; ; attempt++) {
                try {
                    return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, work);
                } catch (JdbiException | StoreException e) {
                    if (attempt >= ATTEMPTS || !isRetryable(e)) {
                        throw e;
                    }
                    LOG.debug("Retrying to {} after {}", doing, sqlState(e));
                }
            }
        });
    }

    static boolean isRetryable(Throwable e) {
        String state = sqlState(e);
        return "40P01".equals(state) || "40001".equals(state);
    }

    private static String sqlState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private <T> T edge(String doing, Supplier<T> work) {
        try {
            return work.get();
        } catch (JdbiException | Columns.BadValueException e) {
            throw new StoreException("cannot " + doing + " in " + options.describe() + ": " + rootMessage(e), e);
        } catch (StoreException e) {
            throw e;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof SQLException)) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage());
    }

    /** The pool, for the listener and the singleton locks of this package. */
    HikariDataSource pool() {
        return pool;
    }

    PostgresOptions options() {
        return options;
    }

}
