package dev.hourglass.persistence.sqlite;

import dev.hourglass.persistence.*;
import dev.hourglass.persistence.jdbc.*;

import static dev.hourglass.domain.testing.TestJobs.T0;
import static dev.hourglass.domain.testing.TestJobs.created;
import static dev.hourglass.domain.testing.TestJobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hourglass.domain.error.UnreadableJobException;
import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.InstanceId;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobPage;
import dev.hourglass.domain.model.JobQuery;
import dev.hourglass.domain.model.RunId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/** Rows an operator broke by hand: skipped by the lists with one warning, reported by find. */
class UnreadableRowTest {

    @TempDir
    Path dir;

    private Path file;
    private SqliteStore store;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Job first = job("first").nextRunAt(T0).build();
    private final Job broken = job("broken").nextRunAt(T0.plusMillis(1)).createdAt(T0.plusSeconds(1)).build();
    private final Job last = job("last").nextRunAt(T0.plusMillis(2)).createdAt(T0.plusSeconds(2)).build();

    @BeforeEach
    void storeWithThreeJobs() {
        file = dir.resolve("hourglass.db");
        store = SqliteStore.open(file);
        for (Job job : new Job[] {first, broken, last}) {
            store.insert(job, created(job), 10);
        }
        log.start();
        ((Logger) LoggerFactory.getLogger(SqliteStore.class)).addAppender(log);
    }

    @AfterEach
    void close() {
        ((Logger) LoggerFactory.getLogger(SqliteStore.class)).detachAppender(log);
        store.close();
    }

    @Test
    void an_unreadable_row_due_first_does_not_keep_the_readable_ones_from_being_claimed() throws Exception {
        try (RawDb raw = new RawDb(file)) {
            raw.update("UPDATE jobs SET schedule_kind = 'hourly' WHERE id = ?", first.id().value());
        }
        InstanceId owner = new InstanceId("claimer");
        AtomicInteger runIds = new AtomicInteger();

        List<Job> claimed = new ArrayList<>();
        for (int call = 0; call < 3 && claimed.size() < 2; call++) {
            claimed.addAll(store.claimDue(T0.plusSeconds(1), 1, owner, () -> new RunId("run-" + runIds.incrementAndGet())));
        }

        assertThat(claimed).extracting(Job::id).containsExactly(broken.id(), last.id());
    }

    @Test
    void an_unreadable_row_is_deleted_through_the_store_with_its_audit_entry() throws Exception {
        try (RawDb raw = new RawDb(file)) {
            raw.update("UPDATE jobs SET status = 'sleeping' WHERE id = ?", broken.id().value());
        }
        AuditEntry deleted = new AuditEntry("audit-delete", broken.id(), broken.id().value(), AuditAction.DELETE,
                null, null, "user", "removed a stored row that could not be read", T0.plusSeconds(5));

        assertThat(store.removeUnreadable(broken.id(), deleted)).isTrue();

        assertThat(store.find(broken.id())).isEmpty();
        assertThat(store.entriesFor(broken.id(), 10).get(0)).isEqualTo(deleted);
        assertThat(store.removeUnreadable(broken.id(), deleted)).isFalse();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "schedule_kind        | 'hourly'",
        "schedule_interval_ms | -5",
        "schedule_interval_ms | 'sixty seconds'",
        "schedule_kind        | 'cron'",
        "status               | 'sleeping'",
        "enabled              | 2",
        "next_run_at          | '2026-03-01 10:00:00'",
        "created_at           | ''",
        "created_at           | 42",
        "created_at           | X'00ff'",
        "run_count            | 'many'",
        "consecutive_errors   | 1.5",
        "claim_run_id         | 'run-without-claimed-at'",
    })
    void broken_row_is_skipped_by_the_lists_and_reported_by_find(String column, String value) throws Exception {
        try (RawDb raw = new RawDb(file)) {
            assertThat(raw.update("UPDATE jobs SET " + column + " = " + value + " WHERE id = ?", broken.id().value()))
                    .isEqualTo(1);
        }

        assertThat(store.list(Optional.empty())).containsExactly(last, first);
        assertThat(store.page(JobQuery.all()).jobs()).containsExactly(last, first);
        assertThat(everyPage(1)).containsExactly(last, first);
        assertThat(store.due(T0.plusSeconds(1), 10)).containsExactly(first, last);
        assertThat(store.running()).isEmpty();
        assertThatThrownBy(() -> store.find(broken.id()))
                .isInstanceOf(UnreadableJobException.class)
                .hasMessageContaining(broken.id().value());
        assertThat(store.find(first.id())).contains(first);
    }

    @Test
    void a_broken_row_is_logged_once_with_its_id_however_often_it_is_skipped() throws Exception {
        corruptScheduleKind(broken);

        store.list(Optional.empty());
        store.list(Optional.empty());
        store.due(T0.plusSeconds(1), 10);

        assertThat(log.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains(broken.id().value()).contains("schedule_kind");
        });
    }

    @Test
    void next_wake_up_ignores_a_broken_row_that_would_be_due_first() throws Exception {
        corruptScheduleKind(first);

        assertThat(store.nextDueAt()).contains(broken.nextRunAt());
    }

    @Test
    void find_names_the_broken_column() throws Exception {
        corruptScheduleKind(broken);

        assertThatThrownBy(() -> store.find(broken.id())).hasMessageContaining("schedule_kind")
                .hasMessageContaining("hourly");
    }

    /** The jobs of the whole listing, read {@code limit} at a time by following the cursors. */
    private List<Job> everyPage(int limit) {
        List<Job> jobs = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 10; page++) {
            JobPage read = store.page(JobQuery.all().withLimit(limit).after(cursor));
            jobs.addAll(read.jobs());
            cursor = read.nextCursor();
            if (cursor == null) {
                return jobs;
            }
        }
        throw new AssertionError("the listing did not end after 10 pages of " + limit + ": " + jobs);
    }

    private void corruptScheduleKind(Job job) throws Exception {
        try (RawDb raw = new RawDb(file)) {
            raw.update("UPDATE jobs SET schedule_kind = 'hourly' WHERE id = ?", job.id().value());
        }
    }
}
