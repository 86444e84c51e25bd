package dev.hourglass.persistence.sqlite;

import dev.hourglass.persistence.SchemaTooNewException;
import dev.hourglass.persistence.StoreException;
import dev.hourglass.persistence.StoreInUseException;
import dev.hourglass.persistence.jdbc.*;

import dev.hourglass.domain.error.DuplicateNameException;
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
import dev.hourglass.domain.model.JobSummary;
import dev.hourglass.domain.model.RunId;
import dev.hourglass.domain.model.RunRecord;
import dev.hourglass.domain.port.out.Applied;
import dev.hourglass.domain.port.out.DependencyChange;
import dev.hourglass.domain.port.out.JobCreation;
import dev.hourglass.domain.port.out.JobWrite;
import dev.hourglass.domain.port.out.SchedulerStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The job store on one SQLite file, through JDBI: jobs, audit log and run history.
 *
 * <p>Writes go through a single connection (the process's write lock) and start with
 * {@code BEGIN IMMEDIATE}, so a transaction holds SQLite's write lock from its first statement:
 * two processes wait for each other ({@code busy_timeout}) instead of failing with
 * {@code SQLITE_BUSY} halfway. Reads use a small pool of other connections and, in WAL mode,
 * never wait for a writer. Every change is version-checked.
 */
public final class SqliteStore implements SchedulerStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);

    private final Path file;
    private final ConnectionPool writePool;
    private final ConnectionPool readPool;
    private final Jdbi writer;
    private final Jdbi reader;
    private final String url;
    private WalCheckpointer checkpointer;
    private ProcessLock lock;
    private final JobReads jobs;
    /** Writes through this store so far: the summary's cache key. */
    private final AtomicLong changes = new AtomicLong();
    private volatile CountedSummary summary;

    /** Page cache per connection, in KiB (negative in SQLite's terms); allocated only as pages are used. */
    private static final int CACHE_KIB = -16 * 1024;
    /**
     * Pages the write-ahead log may grow to before a commit copies it back into the database itself:
     * a backstop only, as the {@link WalCheckpointer} keeps it far smaller, off the commit path.
     */
    private static final int WAL_CHECKPOINT_PAGES = 20_000;
    private static final Duration CHECKPOINT_EVERY = Duration.ofMillis(250);

    private SqliteStore(Path file, SqliteOptions options) {
        this.file = file;
        this.jobs = new JobReads(LOG, file.toString());
        String url = "jdbc:sqlite:" + file;
        this.writePool = new ConnectionPool(1, () -> connect(url, options, SQLiteConfig.TransactionMode.IMMEDIATE, false));
        this.readPool = new ConnectionPool(options.readConnections(),
                () -> connect(url, options, SQLiteConfig.TransactionMode.DEFERRED, true));
        this.writer = Jdbi.create(writePool);
        this.reader = Jdbi.create(readPool);
        this.url = url;
    }

    /** Opens (creating the folders and the file if needed) and migrates the database at {@code file}. */
    public static SqliteStore open(Path file) {
        return open(file, SqliteOptions.defaults());
    }

    /**
     * @throws SchemaTooNewException when the file was written by a newer Hourglass
     * @throws StoreException        when the file cannot be created, opened or migrated
     */
    public static SqliteStore open(Path file, SqliteOptions options) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the folder of database " + absolute + ": " + e, e);
        }
        ProcessLock.Held held = ProcessLock.acquire(absolute);
        SqliteStore store = new SqliteStore(absolute, options);
        store.lock = held.lock();
        try {
            store.edge("open", () -> {
                SqliteMigrations.migrate(store.writer, absolute);
                if (held.first()) {
                    // The lock is ours: whichever process registered instances here before is gone.
                    store.writer.useHandle(h -> h.createUpdate(InstanceColumns.END_ALL)
                            .bind("now", Timestamps.format(Instant.now())).execute());
                }
                return null;
            });
            store.checkpointer = store.edge("open the checkpoint connection", () -> {
                try {
                    return new WalCheckpointer(connect(store.url, options, SQLiteConfig.TransactionMode.DEFERRED, false),
                            CHECKPOINT_EVERY);
                } catch (SQLException e) {
                    throw new StoreException("cannot open " + absolute + ": " + e.getMessage(), e);
                }
            });
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static Connection connect(String url, SqliteOptions options, SQLiteConfig.TransactionMode mode,
            boolean queryOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(options.syncEveryCommit() ? SQLiteConfig.SynchronousMode.FULL
                : SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout((int) options.busyTimeout().toMillis());
        config.setTransactionMode(mode);
        config.setCacheSize(CACHE_KIB);
        Connection connection = config.createConnection(url);
        try (Statement statement = connection.createStatement()) {
            statement.execute(queryOnly ? "PRAGMA query_only = 1" : "PRAGMA wal_autocheckpoint = " + WAL_CHECKPOINT_PAGES);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    // ---- JobStore

    @Override
    public void insert(Job job, AuditEntry created, int maxJobs) {
        write("insert job " + job.id(), () -> writer.inTransaction(tx -> {
            if (tx.createQuery(JobColumns.COUNT).mapTo(Long.class).one() >= maxJobs) {
                throw new JobLimitReachedException(maxJobs);
            }
            try {
                JobColumns.bind(tx.createUpdate(JobColumns.INSERT), job, SqlValues.SQLITE).execute();
            } catch (UnableToExecuteStatementException e) {
                if (isUniqueViolation(e) && nameTaken(tx, job)) {
                    throw new DuplicateNameException(job.name());
                }
                throw e;
            }
            try (PreparedStatement audit = tx.getConnection().prepareStatement(AuditColumns.INSERT);
                    PreparedStatement revision = tx.getConnection().prepareStatement(RevisionColumns.INSERT)) {
                AuditColumns.bind(audit, created, SqlValues.SQLITE);
                audit.executeUpdate();
                RevisionColumns.bind(revision, JobRevision.first(job), SqlValues.SQLITE);
                revision.executeUpdate();
            } catch (SQLException e) {
                throw new StoreException("cannot record the creation of job " + job.id() + ": " + e.getMessage(), e);
            }
            return null;
        }));
    }

    /**
     * One {@code BEGIN IMMEDIATE} transaction: the write lock keeps every other writer out from the
     * names check and the count to the commit, so the batch fits the limit and its names are free.
     */
    @Override
    public void insertAll(List<JobCreation> creations, int maxJobs) {
        if (creations.isEmpty()) {
            return;
        }
        write("insert " + creations.size() + " jobs", () -> writer.inTransaction(tx -> {
            Set<String> taken = JobInserts.namesTaken(tx, creations.stream().map(c -> c.job().nameKey()).toList());
            if (!taken.isEmpty()) {
                throw new DuplicateNameException(creations.stream().map(JobCreation::job)
                        .filter(job -> taken.contains(job.nameKey())).map(Job::name).toList());
            }
            long stored = tx.createQuery(JobColumns.COUNT).mapTo(Long.class).one();
            if (stored + creations.size() > maxJobs) {
                throw new JobLimitReachedException(maxJobs, stored, creations.size());
            }
            try {
                JobInserts.insertAll(tx, creations, SqlValues.SQLITE);
            } catch (SQLException e) {
                throw new StoreException("cannot insert " + creations.size() + " jobs: " + e.getMessage(), e);
            }
            return null;
        }));
    }

    @Override
    public Set<String> namesTaken(Collection<String> nameKeys) {
        if (nameKeys.isEmpty()) {
            return Set.of();
        }
        return read("look up " + nameKeys.size() + " names", h -> JobInserts.namesTaken(h, nameKeys));
    }

    private static boolean isUniqueViolation(UnableToExecuteStatementException e) {
        return e.getCause() instanceof SQLiteException cause
                && cause.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE;
    }

    private static boolean nameTaken(Handle tx, Job job) {
        return tx.createQuery(JobColumns.NAME_TAKEN).bind("name_key", job.nameKey()).mapTo(Long.class).one() > 0;
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
        return read("list a page of jobs", h -> jobs.page(h, query, SqlValues.SQLITE, "instr(name_key, :q) > 0"));
    }

    /**
     * Counted by one aggregate query, and kept until the next write: this process is the file's only
     * writer ({@link ProcessLock}), so every change passes {@link #write} and none is missed. A
     * listing polled by dashboards then costs no scan of every job while nothing changes.
     */
    @Override
    public JobSummary summarize() {
        long seen = changes.get();
        CountedSummary cached = summary;
        if (cached != null && cached.changes() == seen) {
            return cached.summary();
        }
        JobSummary counted = read("summarize the jobs", jobs::summarize);
        summary = new CountedSummary(seen, counted);
        return counted;
    }

    /** A summary and the number of writes it has seen. */
    private record CountedSummary(long changes, JobSummary summary) {
    }

    @Override
    public List<Job> due(Instant now, int limit) {
        return read("read due jobs", h -> {
            try (Stream<JobRow> rows = h.createQuery(SqliteSql.DUE).bind("now", Timestamps.format(now))
                    .map(JobColumns.MAPPER).stream()) {
                return readable(rows).limit(limit).toList();
            }
        });
    }

    @Override
    public Optional<Instant> nextDueAt() {
        return read("read the next due time", h -> {
            try (Stream<JobRow> rows = h.createQuery(SqliteSql.FIREABLE_IN_ORDER).map(JobColumns.MAPPER).stream()) {
                return readable(rows).findFirst().map(Job::nextRunAt);
            }
        });
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

    private List<Job> readJobs(String what, String sql) {
        return read(what, h -> {
            try (Stream<JobRow> rows = h.createQuery(sql).map(JobColumns.MAPPER).stream()) {
                return rows.filter(JobRow::isReadable).map(JobRow::job).toList();
            }
        });
    }

    @Override
    public List<JobRevision> revisionsOf(JobId jobId, int limit) {
        return read("read the revisions of job " + jobId, h -> h.createQuery(RevisionColumns.NEWEST_OF_JOB)
                .bind("job_id", jobId.value()).bind("limit", limit).map(RevisionColumns.MAPPER).list());
    }

    @Override
    public List<Job> running() {
        return read("read running jobs", jobs::running);
    }

    /** Reads and claims in one {@code BEGIN IMMEDIATE} transaction: the write lock keeps every other claimer out. */
    @Override
    public List<Job> claimDue(Instant dueBy, Instant now, int limit, InstanceId owner, Supplier<RunId> runIds) {
        return write("claim due jobs", () -> writer.inTransaction(tx -> {
            List<JobWrite.Save> claims;
            // Rows known to be unreadable would otherwise use up the limit and starve the readable ones.
            try (Stream<JobRow> rows = tx.createQuery(SqliteSql.DUE_LIMITED).bind("now", Timestamps.format(dueBy))
                    .bind("limit", limit + jobs.unreadableSeen()).map(JobColumns.MAPPER).stream()) {
                claims = readable(rows).limit(limit).map(job -> JobWrite.save(job, job.claim(Claim.of(runIds.get(), job.nextRunAt(),
                        now, job.version() + 1, owner), now), List.of())).toList();
            }
            if (claims.isEmpty()) {
                return List.<Job>of();
            }
            return new GroupWrite(tx, SqlValues.SQLITE).apply(claims).among(claims).stream().map(JobWrite.Save::job).toList();
        }));
    }

    @Override
    public List<Job> orphanedClaims(Instant now, Duration lease) {
        return read("read orphaned claims", h -> {
            try (Stream<JobRow> rows = h.createQuery(SqliteSql.ORPHANED)
                    .bind("cutoff", Timestamps.format(now.minus(lease))).map(JobColumns.MAPPER).stream()) {
                return readable(rows).toList();
            }
        });
    }

    @Override
    public Applied apply(List<? extends JobWrite> writes) {
        if (writes.isEmpty()) {
            return Applied.none();
        }
        return write("apply " + writes.size() + " write(s)", () -> writer.inTransaction(tx -> new GroupWrite(tx, SqlValues.SQLITE).apply(writes)));
    }

    @Override
    public Optional<Instant> newestUpdate() {
        return read("read the newest change", h -> h.createQuery(JobColumns.NEWEST_UPDATE)
                .map((rs, ctx) -> Optional.ofNullable(new Columns(rs).instant("newest"))).one());
    }

    @Override
    public boolean removeUnreadable(JobId id, AuditEntry deleted) {
        return write("remove job " + id, () -> writer.inTransaction(tx -> {
            if (tx.createUpdate(JobColumns.DELETE_ANY).bind("id", id.value()).execute() == 0) {
                return false;
            }
            try (PreparedStatement audit = tx.getConnection().prepareStatement(AuditColumns.INSERT)) {
                AuditColumns.bind(audit, deleted, SqlValues.SQLITE);
                audit.executeUpdate();
            } catch (SQLException e) {
                throw new StoreException("cannot record the removal of job " + id + ": " + e.getMessage(), e);
            }
            return true;
        }));
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

    /** One {@code BEGIN IMMEDIATE} transaction, rolled back unless all of the change applies. */
    @Override
    public boolean apply(DependencyChange change) {
        try {
            return write("change dependency " + change.key(), () -> writer.inTransaction(tx -> {
                if (!new DependencyWrite(tx, SqlValues.SQLITE, false).apply(change)) {
                    throw new ChangeRefused();
                }
                return true;
            }));
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

    // ---- Instances

    @Override
    public void register(InstanceId id, String name, Instant now) {
        write("register instance " + id, () -> writer.withHandle(h -> h.createUpdate(InstanceColumns.REGISTER)
                .bind("id", id.value()).bind("name", name).bind("now", Timestamps.format(now)).execute()));
    }

    @Override
    public boolean heartbeat(InstanceId id, Instant now, Duration lease) {
        return write("renew the heartbeat of " + id, () -> writer.withHandle(h -> h.createUpdate(InstanceColumns.RENEW)
                .bind("id", id.value()).bind("now", Timestamps.format(now))
                .bind("cutoff", Timestamps.format(now.minus(lease))).execute() == 1));
    }

    @Override
    public void deregister(InstanceId id, Instant now) {
        write("deregister instance " + id, () -> writer.withHandle(h -> h.createUpdate(InstanceColumns.DEREGISTER)
                .bind("id", id.value()).bind("now", Timestamps.format(now)).execute()));
    }

    @Override
    public List<InstanceInfo> instances(Instant now, Duration lease) {
        String cutoff = Timestamps.format(now.minus(lease));
        List<InstanceInfo> all = read("list instances", h -> h.createQuery(InstanceColumns.RECENT)
                .bind("since", Timestamps.format(now.minus(Duration.ofHours(24))))
                .map((rs, ctx) -> new InstanceInfo(new InstanceId(rs.getString("id")), rs.getString("name"),
                        Timestamps.parse(rs.getString("started_at")), Timestamps.parse(rs.getString("heartbeat_at")),
                        rs.getString("stopped_at") == null && rs.getString("heartbeat_at").compareTo(cutoff) >= 0))
                .list());
        return all.stream().sorted(java.util.Comparator.comparing(InstanceInfo::alive).reversed()).toList();
    }

    // ---- AlertOutbox

    @Override
    public List<Alert> alertsDue(Instant now, int limit) {
        return read("read due alerts", h -> h.createQuery(AlertColumns.DUE).bind("now", Timestamps.format(now))
                .bind("limit", limit).map(AlertColumns.MAPPER).list());
    }

    @Override
    public void alertDelivered(String alertId) {
        write("mark alert " + alertId + " delivered", () -> writer.withHandle(h -> h.createUpdate(AlertColumns.DELIVERED)
                .bind("id", alertId).execute()));
    }

    @Override
    public void alertDeferred(String alertId, Instant nextAttemptAt, String error) {
        write("defer alert " + alertId, () -> writer.withHandle(h -> h.createUpdate(AlertColumns.DEFERRED)
                .bind("id", alertId).bind("next", Timestamps.format(nextAttemptAt)).bind("error", error).execute()));
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
        return write("trim the audit log", () -> writer.withHandle(h -> h.createUpdate(AuditColumns.TRIM)
                .bind("cutoff", Timestamps.format(cutoff)).bind("keep", keepPerJob).execute()));
    }

    @Override
    public List<RunRecord> runsOf(JobId jobId, int limit) {
        return read("read the runs of job " + jobId, h -> h.createQuery(RunColumns.NEWEST_OF_JOB)
                .bind("job_id", jobId.value()).bind("limit", limit).map(RunColumns.MAPPER).list());
    }

    /**
     * Stops the background checkpoints (leaving the WAL empty), then closes every connection; each
     * pool closes even when closing something before it failed.
     */
    @Override
    public void close() {
        // The lock goes last: no other process may open the file while a connection still writes.
        try (ProcessLock held = lock; writePool; readPool) {
            if (checkpointer != null) {
                checkpointer.close();
            }
        } catch (SQLException e) {
            throw new StoreException("closing database " + file + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "SqliteStore[" + file + "]";
    }

    // ---- the edge: rows that cannot be read, and exceptions translated

    private Stream<Job> readable(Stream<JobRow> rows) {
        return jobs.readable(rows);
    }

    private <T> T read(String doing, HandleCallback<T, RuntimeException> work) {
        return edge(doing, () -> reader.withHandle(work));
    }

    /**
     * Runs {@code work} on the write connection as {@link #edge} does, and counts it as a change of
     * the file, whatever its outcome, so that {@link #summarize()} never answers from before it.
     */
    private <T> T write(String doing, Supplier<T> work) {
        try {
            return edge(doing, work);
        } finally {
            changes.incrementAndGet();
        }
    }

    /** Runs {@code work}; domain errors pass, database errors become a {@link StoreException} saying what failed. */
    private <T> T edge(String doing, Supplier<T> work) {
        try {
            return work.get();
        } catch (JdbiException | Columns.BadValueException e) {
            throw new StoreException(describe(doing, e), e);
        }
    }

    private String describe(String doing, RuntimeException e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof SQLException)) {
            cause = cause.getCause();
        }
        if (cause instanceof SQLiteException sqlite && (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_BUSY
                || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT)) {
            return "cannot " + doing + " in " + file + ": the database stayed locked by another process"
                    + " longer than the busy timeout";
        }
        return "cannot " + doing + " in " + file + ": " + cause.getMessage();
    }
}
