package dev.hourglass.persistence.jdbc;

import dev.hourglass.domain.error.UnreadableJobException;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobStatus;
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
