package dev.hourglass.persistence.jdbc;

import dev.hourglass.domain.error.UnreadableJobException;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobPage;
import dev.hourglass.domain.model.JobQuery;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.model.JobSummary;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;

/**
 * The job reads both stores make the same way, over a handle the store opened, and the rows that
 * cannot be read: skipped with one warning each (so a poll loop does not repeat it forever) and
 * remembered, so that a query limited to N rows can ask for N more than the known bad ones.
 */
public final class JobReads {

    private final Logger log;
    private final String where;
    private final Set<String> reportedUnreadable = ConcurrentHashMap.newKeySet();

    /** {@code log} and {@code where} (the file or database) say whose rows are skipped. */
    public JobReads(Logger log, String where) {
        this.log = log;
        this.where = where;
    }

    /** @throws UnreadableJobException when the stored row cannot be turned back into a job */
    public Optional<Job> find(Handle h, JobId id) {
        Optional<JobRow> row = h.createQuery(JobColumns.FIND).bind("id", id.value()).map(JobColumns.MAPPER).findOne();
        row.filter(r -> !r.isReadable()).ifPresent(r -> {
            throw new UnreadableJobException(id.value(), r.problem());
        });
        return row.map(JobRow::job);
    }

    public List<Job> list(Handle h, Optional<JobStatus> status) {
        var query = status.isPresent()
                ? h.createQuery(JobColumns.LIST_BY_STATUS).bind("status", status.get().wireName())
                : h.createQuery(JobColumns.LIST);
        try (Stream<JobRow> rows = query.map(JobColumns.MAPPER).stream()) {
            return readable(rows).toList();
        }
    }

    /**
     * One page of {@link dev.hourglass.domain.port.out.JobStore#page}: the filters as parameterised
     * conditions, keyset paging on {@code (created_at, seq)} after the cursor, one row more than the
     * limit to learn whether a next page exists. {@code containsCondition} is the dialect's test
     * that {@code name_key} contains {@code :q}. Unreadable rows are skipped, and still move the
     * cursor on.
     */
    public JobPage page(Handle h, JobQuery query, SqlValues values, String containsCondition) {
        StringBuilder sql = new StringBuilder(JobColumns.SELECT_WITH_SEQ).append(" WHERE 1 = 1");
        query.statusFilter().ifPresent(status -> sql.append(" AND status = :status"));
        query.nameKeyContains().ifPresent(part -> sql.append(" AND ").append(containsCondition));
        query.dependencyKey().ifPresent(key -> sql.append(" AND dependency_key = :dependency_key"));
        JobCursor after = query.cursor() == null ? null : JobCursor.decode(query.cursor());
        if (after != null) {
            sql.append(" AND (created_at < :after_created OR (created_at = :after_created AND seq < :after_seq))");
        }
        sql.append(" ORDER BY created_at DESC, seq DESC LIMIT :limit");
        var statement = h.createQuery(sql.toString()).bind("limit", query.limit() + 1);
        query.statusFilter().ifPresent(status -> statement.bind("status", status.wireName()));
        query.nameKeyContains().ifPresent(part -> statement.bind("q", part));
        query.dependencyKey().ifPresent(key -> statement.bind("dependency_key", key));
        if (after != null) {
            statement.bind("after_created", after.boundCreatedAt(values)).bind("after_seq", after.seq());
        }
        List<PagedRow> rows = statement.map(PagedRow.MAPPER).list();
        boolean more = rows.size() > query.limit();
        List<PagedRow> shown = more ? rows.subList(0, query.limit()) : rows;
        List<Job> jobs = readable(shown.stream().map(PagedRow::row)).toList();
        JobCursor last = more ? shown.get(shown.size() - 1).cursor() : null;
        return new JobPage(jobs, last == null ? null : last.encode());
    }

    /** The job summary counted by the database in one query, unreadable rows included. */
    public JobSummary summarize(Handle h) {
        return h.createQuery(JobColumns.SUMMARY).map((rs, ctx) -> {
            Columns row = new Columns(rs);
            return new JobSummary(Math.toIntExact(row.requiredInteger("total")),
                    Math.toIntExact(row.requiredInteger("active")), Math.toIntExact(row.requiredInteger("paused")),
                    Math.toIntExact(row.requiredInteger("completed")), Math.toIntExact(row.requiredInteger("failed")),
                    row.instant("next_fire_at"), Math.toIntExact(row.requiredInteger("recent_failures")),
                    Math.toIntExact(row.requiredInteger("stale")));
        }).one();
    }

    public List<Job> running(Handle h) {
        try (Stream<JobRow> rows = h.createQuery(JobColumns.RUNNING).map(JobColumns.MAPPER).stream()) {
            return readable(rows).toList();
        }
    }

    /** The readable jobs whose dependency has {@code key}, oldest first. */
    public List<Job> ofDependency(Handle h, String key) {
        try (Stream<JobRow> rows = h.createQuery(JobColumns.OF_DEPENDENCY).bind("key", key).map(JobColumns.MAPPER)
                .stream()) {
            return readable(rows).toList();
        }
    }

    /** The jobs of the readable rows; each unreadable one is logged once. */
    public Stream<Job> readable(Stream<JobRow> rows) {
        return rows.filter(row -> {
            if (!row.isReadable() && reportedUnreadable.add(row.id() + "\n" + row.problem())) {
                log.warn("Skipping job {}: its row in {} cannot be read: {}", row.id(), where, row.problem());
            }
            return row.isReadable();
        }).map(JobRow::job);
    }

    /** How many unreadable rows were seen so far. */
    public int unreadableSeen() {
        return reportedUnreadable.size();
    }

    /** The ids of the unreadable rows seen so far. */
    public Set<String> unreadableIds() {
        Set<String> ids = new TreeSet<>();
        for (String key : reportedUnreadable) {
            ids.add(key.substring(0, key.indexOf('\n')));
        }
        return ids;
    }
}
