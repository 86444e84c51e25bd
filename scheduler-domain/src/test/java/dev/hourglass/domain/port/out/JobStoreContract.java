package dev.hourglass.domain.port.out;

import static dev.hourglass.domain.testing.TestJobs.T0;
import static dev.hourglass.domain.testing.TestJobs.claim;
import static dev.hourglass.domain.testing.TestJobs.created;
import static dev.hourglass.domain.testing.TestJobs.entry;
import static dev.hourglass.domain.testing.TestJobs.job;
import static dev.hourglass.domain.testing.TestJobs.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.domain.error.DuplicateNameException;
import dev.hourglass.domain.error.JobLimitReachedException;
import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.model.LastRun;
import dev.hourglass.domain.model.RunId;
import dev.hourglass.domain.model.RunRecord;
import dev.hourglass.domain.model.RunStatus;
import dev.hourglass.domain.schedule.At;
import dev.hourglass.domain.schedule.Cron;
import dev.hourglass.domain.schedule.Every;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every promise of {@link JobStore}, {@link AuditLog} and {@link RunHistory}, run against each
 * implementation: the in-memory fake and the real adapters, so the fake cannot drift.
 *
 * @param <S> the store under test, implementing all three ports
 */
public abstract class JobStoreContract<S extends JobStore & AuditLog & RunHistory> {

    protected static final int NO_LIMIT = 1000;

    protected S store;

    private final Map<JobId, AuditEntry> createdEntries = new HashMap<>();

    /** A fresh, empty store; called before every test. Closed afterwards when it is {@link AutoCloseable}. */
    protected abstract S createStore() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = createStore();
    }

    @AfterEach
    void closeStore() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    // ---- insert and find

    static Stream<Job> jobsOfEveryShape() {
        Instant later = T0.plusSeconds(3600);
        return Stream.of(
                job("plain every").build(),
                job("one shot").schedule(new At(later)).nextRunAt(later).deleteAfterRun(true).build(),
                job("weekday cron").schedule(Cron.of("0 9 * * 1-5", ZoneId.of("Europe/Berlin")))
                        .nextRunAt(Instant.parse("2026-03-02T08:00:00Z")).build(),
                job("cron in utc").schedule(Cron.of("*/5 * * * *", ZoneId.of("UTC"))).build(),
                job("no description, never run").description(null).build(),
                job("claimed after an error")
                        .lastRun(new LastRun(T0.minusSeconds(30), RunStatus.ERROR, 1_234, "HTTP 503: busy"))
                        .claim(claim(T0, T0.plusMillis(7), 8)).version(8).runCount(12).consecutiveErrors(3)
                        .updatedAt(T0.plusMillis(7)).build(),
                job("manual claim, ok before").lastRun(new LastRun(T0, RunStatus.OK, 0, null))
                        .claim(claim(null, T0.plusSeconds(1), 3)).version(3).build(),
                job("paused with ümlauts and 日本").status(JobStatus.PAUSED).task("{\"x\": \"ü\"}\n\ttab")
                        .createdBy("ops-bot").build(),
                job("failed").status(JobStatus.FAILED).consecutiveErrors(10)
                        .lastRun(new LastRun(T0, RunStatus.INTERRUPTED, 0, "interrupted")).build(),
                job("completed").status(JobStatus.COMPLETED).schedule(new At(T0)).runCount(1).build(),
                job("disabled").disabled().build());
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("jobsOfEveryShape")
    void inserted_job_is_found_with_every_field(Job job) {
        store.insert(job, created(job), NO_LIMIT);

        assertThat(store.find(job.id())).contains(job);
        assertThat(store.list(Optional.empty())).containsExactly(job);
    }

    @Test
    void insert_writes_the_create_entry_with_every_field() {
        Job job = job("audited").build();
        AuditEntry created = created(job);

        store.insert(job, created, NO_LIMIT);

        assertThat(store.entriesFor(job.id(), 10)).containsExactly(created);
    }

    @Test
    void unknown_id_is_not_found() {
        assertThat(store.find(JobId.of("no-such-job"))).isEmpty();
    }

    /** The domain's key decides, not SQLite's ASCII-only {@code lower()}: Ü and ü are one name too. */
    @ParameterizedTest(name = "{0} then {1}")
    @CsvSource({"Nightly Report, NIGHTLY report", "Überweisung, ÜBERWEISUNG"})
    void name_taken_in_another_case_is_a_duplicate(String taken, String requested) {
        Job first = job(taken).build();
        store.insert(first, created(first), NO_LIMIT);
        Job second = job(requested).build();

        assertThatThrownBy(() -> store.insert(second, created(second), NO_LIMIT))
                .isInstanceOf(DuplicateNameException.class);
        assertThat(store.list(Optional.empty())).containsExactly(first);
        assertThat(store.entriesFor(second.id(), 10)).isEmpty();
    }

    @Test
    void full_store_refuses_another_job() {
        insertAll(job("one").build(), job("two").build());
        Job third = job("three").build();

        assertThatThrownBy(() -> store.insert(third, created(third), 2)).isInstanceOf(JobLimitReachedException.class);
        assertThat(store.find(third.id())).isEmpty();
        assertThat(store.entriesFor(third.id(), 10)).isEmpty();
    }

    @Test
    void removing_a_job_frees_its_place_and_its_name() {
        Job first = job("reused name").build();
        insertAll(first, job("other").build());
        store.apply(JobWrite.remove(first, List.of()));

        Job again = job("Reused Name").id(JobId.of("another-id")).build();
        store.insert(again, created(again), 2);

        assertThat(store.find(again.id())).contains(again);
    }

    // ---- list

    @Test
    void list_is_newest_first() {
        Job old = job("old").createdAt(T0).build();
        Job newest = job("newest").createdAt(T0.plusSeconds(20)).build();
        Job middle = job("middle").createdAt(T0.plusSeconds(10)).build();
        insertAll(old, newest, middle);

        assertThat(store.list(Optional.empty())).containsExactly(newest, middle, old);
    }

    @Test
    void list_filters_by_status() {
        Job active = job("active").build();
        Job paused = job("paused").status(JobStatus.PAUSED).createdAt(T0.plusSeconds(1)).build();
        Job failed = job("failed").status(JobStatus.FAILED).build();
        Job paused2 = job("paused too").status(JobStatus.PAUSED).createdAt(T0.plusSeconds(2)).build();
        insertAll(active, paused, failed, paused2);

        assertThat(store.list(Optional.of(JobStatus.PAUSED))).containsExactly(paused2, paused);
        assertThat(store.list(Optional.of(JobStatus.COMPLETED))).isEmpty();
        assertThat(store.list(Optional.of(JobStatus.ACTIVE))).containsExactly(active);
    }

    // ---- due, nextDueAt, running

    @Test
    void only_active_enabled_unclaimed_jobs_whose_time_has_come_are_due() {
        Job due = job("due").nextRunAt(T0).build();
        Job dueExactlyNow = job("due exactly now").nextRunAt(T0.plusSeconds(5)).build();
        Job future = job("future").nextRunAt(T0.plusSeconds(6)).build();
        Job paused = job("paused").status(JobStatus.PAUSED).build();
        Job failed = job("failed").status(JobStatus.FAILED).build();
        Job disabled = job("disabled").disabled().build();
        Job claimed = job("claimed").nextRunAt(T0).claim(claim(T0, T0, 1)).build();
        insertAll(due, dueExactlyNow, future, paused, failed, disabled, claimed);

        assertThat(store.due(T0.plusSeconds(5), 100)).containsExactly(due, dueExactlyNow);
    }

    @Test
    void due_jobs_come_earliest_first_up_to_the_limit() {
        Job third = job("third").nextRunAt(T0.plusMillis(3)).build();
        Job first = job("first").nextRunAt(T0.plusMillis(1)).build();
        Job second = job("second").nextRunAt(T0.plusMillis(2)).build();
        insertAll(third, first, second);

        assertThat(store.due(T0.plusSeconds(1), 2)).containsExactly(first, second);
        assertThat(store.due(T0.plusSeconds(1), 3)).containsExactly(first, second, third);
    }

    @Test
    void next_due_at_is_the_earliest_next_run_of_a_job_that_may_fire() {
        insertAll(job("claimed").nextRunAt(T0).claim(claim(T0, T0, 1)).build(),
                job("later").nextRunAt(T0.plusSeconds(30)).build(),
                job("soon").nextRunAt(T0.plusSeconds(10)).build(),
                job("paused").status(JobStatus.PAUSED).build());

        assertThat(store.nextDueAt()).contains(T0.plusSeconds(10));
    }

    @Test
    void nothing_is_due_in_a_store_without_fireable_jobs() {
        insertAll(job("paused").status(JobStatus.PAUSED).build(), job("disabled").disabled().build());

        assertThat(store.nextDueAt()).isEmpty();
        assertThat(store.due(T0.plusSeconds(3600), 10)).isEmpty();
    }

    @Test
    void running_lists_exactly_the_claimed_jobs() {
        Job claimed = job("claimed").claim(claim(T0, T0, 1)).build();
        Job manual = job("manual").status(JobStatus.PAUSED).claim(claim(null, T0, 1)).build();
        insertAll(claimed, job("idle").build(), manual);

        assertThat(store.running()).containsExactlyInAnyOrder(claimed, manual);
    }

    // ---- apply

    @Test
    void save_replaces_the_job_and_writes_its_audit_entries_in_order() {
        Job job = insert(job("to pause").build());
        Job paused = job.paused(T0.plusSeconds(1));
        AuditEntry pause = entry(job, AuditAction.PAUSE, JobStatus.ACTIVE, JobStatus.PAUSED, T0.plusSeconds(1));

        assertThat(store.apply(JobWrite.save(job, paused, List.of(pause)))).isTrue();

        assertThat(store.find(job.id())).contains(paused.withVersion(2));
        assertThat(store.entriesFor(job.id(), 10)).containsExactly(pause, createdEntryOf(job));
    }

    @Test
    void stale_write_is_skipped_and_reported() {
        Job job = insert(job("contended").build());
        Job pausedByOperator = job.paused(T0.plusSeconds(1));
        store.apply(JobWrite.save(job, pausedByOperator, List.of()));
        AuditEntry late = entry(job, AuditAction.RUN, JobStatus.ACTIVE, JobStatus.ACTIVE, T0.plusSeconds(2));

        boolean applied = store.apply(JobWrite.save(job, job.withNextRunAt(T0.plusSeconds(99), T0), List.of(late)));

        assertThat(applied).isFalse();
        assertThat(store.find(job.id())).contains(pausedByOperator.withVersion(2));
        assertThat(store.entriesFor(job.id(), 10)).doesNotContain(late);
    }

    @Test
    void write_to_a_deleted_job_is_skipped_and_reported() {
        Job job = insert(job("deleted").build());
        store.apply(JobWrite.remove(job, List.of()));
        RunRecord run = run(job, RunStatus.OK, T0);

        assertThat(store.apply(JobWrite.save(job, job.paused(T0), List.of(), run))).isFalse();
        assertThat(store.apply(JobWrite.remove(job, List.of()))).isFalse();
        assertThat(store.find(job.id())).isEmpty();
        assertThat(store.runsOf(job.id(), 10)).isEmpty();
    }

    @Test
    void one_skipped_write_does_not_stop_the_others_in_the_same_call() {
        Job a = insert(job("a").build());
        Job b = insert(job("b").build());
        Job c = insert(job("c").build());
        Job staleB = b.withVersion(0);
        RunRecord runA = run(a, RunStatus.OK, T0);
        RunRecord runB = run(b, RunStatus.OK, T0);
        AuditEntry auditC = entry(c, AuditAction.PAUSE, JobStatus.ACTIVE, JobStatus.PAUSED, T0);

        List<Boolean> applied = store.apply(List.of(
                JobWrite.save(a, a.withNextRunAt(T0.plusSeconds(120), T0), List.of(), runA),
                JobWrite.save(staleB, b.paused(T0), List.of(entry(b, AuditAction.PAUSE, null, null, T0)), runB),
                JobWrite.save(c, c.paused(T0), List.of(auditC))));

        assertThat(applied).containsExactly(true, false, true);
        assertThat(store.find(a.id()).orElseThrow().version()).isEqualTo(2);
        assertThat(store.find(b.id())).contains(b);
        assertThat(store.find(c.id()).orElseThrow().status()).isEqualTo(JobStatus.PAUSED);
        assertThat(store.runsOf(a.id(), 10)).containsExactly(runA);
        assertThat(store.runsOf(b.id(), 10)).isEmpty();
        assertThat(store.entriesFor(b.id(), 10)).hasSize(1);
        assertThat(store.entriesFor(c.id(), 1)).containsExactly(auditC);
    }

    @Test
    void writes_in_one_call_apply_in_order_so_a_job_can_change_twice() {
        Job job = insert(job("twice").build());
        Job claimed = job.withClaim(claim(T0, T0, 2), T0).withVersion(2);
        Job recorded = claimed.withRunRecorded(new LastRun(T0, RunStatus.OK, 5, null), true, T0.plusMillis(5));

        List<Boolean> applied = store.apply(List.of(
                JobWrite.save(job, claimed, List.of()),
                JobWrite.save(claimed, recorded, List.of())));

        assertThat(applied).containsExactly(true, true);
        assertThat(store.find(job.id())).contains(recorded.withVersion(3));
    }

    @Test
    void save_with_a_run_record_adds_it_to_the_history_newest_first() {
        Job job = insert(job("runs").build());
        RunRecord first = run(job, RunStatus.ERROR, T0);
        Job v2 = save(job, job.withNextRunAt(T0.plusSeconds(30), T0), first);
        RunRecord manual = new RunRecord(new RunId("manual-run"), job.id(), null, T0.plusSeconds(5), 0,
                RunStatus.OK, null, null);
        save(v2, v2.withNextRunAt(T0.plusSeconds(60), T0), manual);

        assertThat(store.runsOf(job.id(), 10)).containsExactly(manual, first);
        assertThat(store.runsOf(job.id(), 1)).containsExactly(manual);
    }

    @Test
    void one_run_id_can_be_recorded_interrupted_and_then_finished() {
        Job job = insert(job("interrupted").build());
        RunRecord interrupted = new RunRecord(new RunId("same-run"), job.id(), T0, T0, 0, RunStatus.INTERRUPTED,
                "interrupted", null);
        RunRecord finished = new RunRecord(new RunId("same-run"), job.id(), T0, T0.plusSeconds(9), 250, RunStatus.OK,
                null, "fine");
        Job v2 = save(job, job, interrupted);
        save(v2, v2, finished);

        assertThat(store.runsOf(job.id(), 10)).containsExactly(finished, interrupted);
    }

    @Test
    void history_keeps_only_the_newest_runs_of_each_job() {
        Job job = insert(job("busy").build());
        Job other = insert(job("quiet").build());
        RunRecord otherRun = run(other, RunStatus.OK, T0);
        save(other, other, otherRun);
        List<RunRecord> recorded = new ArrayList<>();
        Job current = job;
        for (int i = 0; i < RunHistory.RETAINED_PER_JOB + 5; i++) {
            RunRecord run = run(job, RunStatus.OK, T0.plusSeconds(i));
            recorded.add(0, run);
            current = save(current, current, run);
        }

        assertThat(store.runsOf(job.id(), 1000)).containsExactlyElementsOf(recorded.subList(0, RunHistory.RETAINED_PER_JOB));
        assertThat(store.runsOf(other.id(), 10)).containsExactly(otherRun);
    }

    @Test
    void history_is_trimmed_within_one_call_too() {
        Job job = insert(job("burst").build());
        List<JobWrite> writes = new ArrayList<>();
        List<RunRecord> recorded = new ArrayList<>();
        Job current = job;
        for (int i = 0; i < RunHistory.RETAINED_PER_JOB + 3; i++) {
            RunRecord run = run(job, RunStatus.OK, T0.plusSeconds(i));
            recorded.add(0, run);
            JobWrite.Save save = JobWrite.save(current, current, List.of(), run);
            writes.add(save);
            current = save.job();
        }

        assertThat(store.apply(writes)).containsOnly(true);
        assertThat(store.runsOf(job.id(), 1000)).containsExactlyElementsOf(recorded.subList(0, RunHistory.RETAINED_PER_JOB));
    }

    @Test
    void remove_deletes_the_job_and_its_runs_but_its_audit_stays_readable_newest_first() {
        Job job = insert(job("doomed").build());
        AuditEntry pause = entry(job, AuditAction.PAUSE, JobStatus.ACTIVE, JobStatus.PAUSED, T0.plusSeconds(1));
        Job paused = save(job, job.paused(T0.plusSeconds(1)), run(job, RunStatus.OK, T0), pause);
        AuditEntry delete = entry(job, AuditAction.DELETE, JobStatus.PAUSED, null, T0.plusSeconds(2));

        assertThat(store.apply(JobWrite.remove(paused, List.of(delete)))).isTrue();

        assertThat(store.find(job.id())).isEmpty();
        assertThat(store.list(Optional.empty())).isEmpty();
        assertThat(store.runsOf(job.id(), 10)).isEmpty();
        assertThat(store.entriesFor(job.id(), 10)).containsExactly(delete, pause, createdEntryOf(job));
    }

    @Test
    void a_job_saved_with_a_run_and_removed_in_the_same_call_leaves_no_history() {
        Job job = insert(job("short lived").deleteAfterRun(true).build());
        JobWrite.Save recorded = JobWrite.save(job, job, List.of(), run(job, RunStatus.OK, T0));
        AuditEntry delete = entry(job, AuditAction.DELETE, JobStatus.ACTIVE, null, T0);

        assertThat(store.apply(List.of(recorded, JobWrite.remove(recorded.job(), List.of(delete)))))
                .containsExactly(true, true);

        assertThat(store.find(job.id())).isEmpty();
        assertThat(store.runsOf(job.id(), 10)).isEmpty();
        assertThat(store.entriesFor(job.id(), 1)).containsExactly(delete);
    }

    @Test
    void audit_and_runs_honour_the_limit_and_keep_jobs_apart() {
        Job job = insert(job("chatty").build());
        Job other = insert(job("other").build());
        Job current = job;
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            AuditEntry entry = entry(job, AuditAction.RUN, JobStatus.ACTIVE, JobStatus.ACTIVE, T0.plusSeconds(i));
            entries.add(0, entry);
            current = save(current, current, run(job, RunStatus.OK, T0.plusSeconds(i)), entry);
        }

        assertThat(store.entriesFor(job.id(), 3)).containsExactlyElementsOf(entries.subList(0, 3));
        assertThat(store.runsOf(job.id(), 3)).hasSize(3);
        assertThat(store.entriesFor(other.id(), 10)).containsExactly(createdEntryOf(other));
        assertThat(store.runsOf(other.id(), 10)).isEmpty();
        assertThat(store.entriesFor(JobId.of("never-existed"), 10)).isEmpty();
        assertThat(store.runsOf(JobId.of("never-existed"), 10)).isEmpty();
    }

    @Test
    void audit_entries_and_runs_keep_every_field() {
        Job job = insert(job("fields").build());
        AuditEntry entry = new AuditEntry("entry-1", job.id(), job.name(), AuditAction.FORCE_RESUME, JobStatus.FAILED,
                JobStatus.ACTIVE, "scheduler", "cleared 10 errors; last: HTTP 500: ü", T0.plusMillis(999));
        RunRecord runRecord = new RunRecord(new RunId("run-1"), job.id(), T0.plusMillis(1), T0.plusMillis(2), 77,
                RunStatus.ERROR, "HTTP 500: nope", "partial\noutput");
        save(job, job, runRecord, entry);

        assertThat(store.entriesFor(job.id(), 1)).containsExactly(entry);
        assertThat(store.runsOf(job.id(), 1)).containsExactly(runRecord);
    }

    @Test
    void many_jobs_change_in_one_call() {
        List<Job> jobs = IntStream.range(0, 250).mapToObj(i -> insert(job("bulk " + i).build())).toList();
        List<JobWrite> writes = jobs.stream()
                .<JobWrite>map(j -> JobWrite.save(j, j.withClaim(claim(j.nextRunAt(), T0, j.version() + 1), T0), List.of()))
                .toList();

        assertThat(store.apply(writes)).hasSize(250).containsOnly(true);
        assertThat(store.running()).hasSize(250);
        assertThat(store.due(T0.plusSeconds(3600), 1000)).isEmpty();
    }

    // ---- helpers

    protected final Job insert(Job job) {
        AuditEntry created = created(job);
        store.insert(job, created, NO_LIMIT);
        createdEntries.put(job.id(), created);
        return job;
    }

    protected final void insertAll(Job... jobs) {
        for (Job job : jobs) {
            insert(job);
        }
    }

    /** Saves {@code after} over {@code before} with a run and entries, insisting it applied; returns the stored job. */
    protected final Job save(Job before, Job after, RunRecord run, AuditEntry... audit) {
        JobWrite.Save write = JobWrite.save(before, after, List.of(audit), run);
        assertThat(store.apply(write)).as("write to %s applied", before.name()).isTrue();
        return write.job();
    }

    /** The {@code create} entry that {@link #insert} stored with {@code job}. */
    protected final AuditEntry createdEntryOf(Job job) {
        return createdEntries.get(job.id());
    }

    /** Jobs of every schedule kind and shape, for adapter tests that build on the suite's data. */
    public static Stream<Job> sampleJobs() {
        return jobsOfEveryShape();
    }
}
