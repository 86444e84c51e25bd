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
import dev.hourglass.domain.error.InvalidInputException;
import dev.hourglass.domain.error.JobLimitReachedException;
import dev.hourglass.domain.model.Alert;
import dev.hourglass.domain.model.AlertKind;
import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Claim;
import dev.hourglass.domain.model.InstanceId;
import dev.hourglass.domain.model.InstanceInfo;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobDefinition;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobPage;
import dev.hourglass.domain.model.JobQuery;
import dev.hourglass.domain.model.JobRevision;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.model.JobSummary;
import dev.hourglass.domain.model.LastRun;
import dev.hourglass.domain.model.Probe;
import dev.hourglass.domain.model.RunId;
import dev.hourglass.domain.model.RunRecord;
import dev.hourglass.domain.model.RunStatus;
import dev.hourglass.domain.schedule.At;
import dev.hourglass.domain.schedule.Cron;
import dev.hourglass.domain.schedule.Every;
import dev.hourglass.domain.testing.TestJobs;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every promise of the store ports ({@link JobStore}, {@link AuditLog}, {@link RunHistory},
 * {@link Instances}, {@link AlertOutbox}: a {@link SchedulerStore}), run against each implementation:
 * the in-memory fake and the real adapters, so the fake cannot drift. Instants are passed in, so a
 * store that judges instance ages by the {@code now} it is given passes as it is; one with a clock
 * of its own (a database server) needs its clock set to match.
 *
 * @param <S> the store under test
 */
public abstract class JobStoreContract<S extends SchedulerStore> {

    protected static final int NO_LIMIT = 1000;
    protected static final InstanceId OTHER = new InstanceId("instance-other");
    protected static final Duration LEASE = Duration.ofSeconds(10);

    protected S store;

    private final Map<JobId, AuditEntry> createdEntries = new HashMap<>();

    /** A fresh, empty store; called before every test. Closed afterwards when it is {@link AutoCloseable}. */
    protected abstract S createStore() throws Exception;

    /**
     * Lets {@code elapsed} pass on the store's own clock. The instance tests call it wherever they move
     * {@code now} on, so they hold for both kinds of store (see {@link Instances}): one that judges
     * ages by the {@code now} it is given needs nothing here (the default), one that judges them by a
     * clock of its own (a database server's {@code now()}) ages what it stored by {@code elapsed}, as
     * if that much time had passed.
     */
    protected void elapse(Duration elapsed) {
    }

    /**
     * Asserts that {@code recorded}, an instance time the store reports, is that of the call made
     * with {@code given}. A store with a clock of its own records its clock instead: it overrides
     * this to check the instant against that clock.
     */
    protected void assertRecordedAt(Instant recorded, Instant given) {
        assertThat(recorded).isEqualTo(given);
    }

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
                job("every without an anchor, as stored before grids").schedule(new Every(90_000)).build(),
                job("taken over twice").claim(new Claim(new RunId("run-taken"), T0, T0.plusMillis(3), 5, OTHER, 3))
                        .lastRun(new LastRun(T0.plusMillis(3), RunStatus.INTERRUPTED, 0, "interrupted")).version(5)
                        .build(),
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
                job("disabled").disabled().build(),
                job("paused until, watched, stale").pausedUntil(later).expectSuccessWithinMs(3_600_000L)
                        .lastSuccessAt(T0.minusSeconds(7200)).staleSince(T0).revision(4).build(),
                job("calls a dependency").dependency("Model-Provider.eu:v2_beta").build(),
                job("failed, probing").status(JobStatus.FAILED).consecutiveErrors(11).dependency("slack")
                        .probe(new Probe(600_000)).pendingProbe(later, Duration.ofMinutes(20)).build());
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

    // ---- pages

    @Test
    void a_page_holds_at_most_the_limit_newest_first_and_its_cursor_continues_without_gaps_or_repeats() {
        List<Job> inserted = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // Two jobs per instant: the stored order breaks the tie, the latest first.
            inserted.add(insert(job("job " + i).createdAt(T0.plusSeconds(i / 2)).build()));
        }
        List<Job> newestFirst = new ArrayList<>(inserted);
        java.util.Collections.reverse(newestFirst);

        JobPage first = store.page(JobQuery.all().withLimit(3));
        JobPage second = store.page(JobQuery.all().withLimit(3).after(first.nextCursor()));
        JobPage third = store.page(JobQuery.all().withLimit(3).after(second.nextCursor()));

        assertThat(first.jobs()).containsExactlyElementsOf(newestFirst.subList(0, 3));
        assertThat(second.jobs()).containsExactlyElementsOf(newestFirst.subList(3, 6));
        assertThat(third.jobs()).containsExactlyElementsOf(newestFirst.subList(6, 7));
        assertThat(third.nextCursor()).isNull();
        assertThat(store.page(JobQuery.all()).jobs()).containsExactlyElementsOf(newestFirst);
        assertThat(store.page(JobQuery.all().withLimit(7)).nextCursor()).as("exactly full, nothing after").isNull();
    }

    @Test
    void pages_filter_by_status_name_part_and_dependency_ignoring_case() {
        Job report = insert(job("Nightly REPORT").dependency("Model-Provider").createdAt(T0).build());
        Job paused = insert(job("weekly report").status(JobStatus.PAUSED).createdAt(T0.plusSeconds(1)).build());
        Job other = insert(job("cleanup").dependency("model-provider").createdAt(T0.plusSeconds(2)).build());

        assertThat(store.page(JobQuery.all().withNameContaining("Report")).jobs()).containsExactly(paused, report);
        assertThat(store.page(JobQuery.all().withNameContaining("report").withStatus(JobStatus.ACTIVE)).jobs())
                .containsExactly(report);
        assertThat(store.page(JobQuery.all().withDependency("MODEL-provider")).jobs()).containsExactly(other, report);
        assertThat(store.page(JobQuery.all().withDependency("model")).jobs()).as("exact, not a part").isEmpty();
        assertThat(store.page(JobQuery.all().withStatus(JobStatus.FAILED)).jobs()).isEmpty();
    }

    @Test
    void a_name_part_is_matched_literally_with_no_wildcards() {
        Job percent = insert(job("100% done").build());
        insertAll(job("1000 done").build(), job("a_b").build(), job("axb").build());

        assertThat(store.page(JobQuery.all().withNameContaining("0%")).jobs()).containsExactly(percent);
        assertThat(store.page(JobQuery.all().withNameContaining("a_b")).jobs()).extracting(Job::name)
                .containsExactly("a_b");
    }

    @Test
    void a_cursor_no_page_gave_out_is_refused_naming_the_cursor() {
        insert(job("one").build());

        for (String bad : List.of("not-a-cursor", "djI6MTox", "%%%", "12:34:56")) {
            assertThatThrownBy(() -> store.page(JobQuery.all().after(bad))).as(bad)
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
        }
    }

    @Test
    void paging_while_jobs_are_created_and_deleted_neither_skips_nor_repeats_a_job_that_stayed() throws Exception {
        List<Job> stayed = new ArrayList<>();
        List<Job> doomed = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            Job job = insert(job("old " + i).createdAt(T0.plusMillis(i)).build());
            (i % 3 == 0 ? doomed : stayed).add(job);
        }
        java.util.concurrent.atomic.AtomicBoolean paging = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread churn = new Thread(() -> {
            int i = 0;
            for (Job job : doomed) {
                store.apply(JobWrite.remove(store.find(job.id()).orElseThrow(), List.of()));
                Job fresh = job("new " + i).createdAt(T0.plusSeconds(60).plusMillis(i++)).build();
                store.insert(fresh, created(fresh), NO_LIMIT);
            }
            while (paging.get()) {
                Job fresh = job("new " + i).createdAt(T0.plusSeconds(60).plusMillis(i++)).build();
                store.insert(fresh, created(fresh), NO_LIMIT);
                store.apply(JobWrite.remove(fresh, List.of()));
            }
        });
        churn.start();
        List<JobId> seen = new ArrayList<>();
        try {
            JobPage page = store.page(JobQuery.all().withLimit(7));
            seen.addAll(page.jobs().stream().map(Job::id).toList());
            while (page.nextCursor() != null) {
                page = store.page(JobQuery.all().withLimit(7).after(page.nextCursor()));
                seen.addAll(page.jobs().stream().map(Job::id).toList());
            }
        } finally {
            paging.set(false);
            churn.join();
        }

        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsAll(stayed.stream().map(Job::id).toList());
    }

    @Test
    void the_summary_counts_every_job_whatever_a_page_shows() {
        insertAll(job("active").nextRunAt(T0.plusSeconds(30)).build(),
                job("retrying").consecutiveErrors(2).nextRunAt(T0.plusSeconds(10)).build(),
                job("paused").status(JobStatus.PAUSED).build(),
                job("failed").status(JobStatus.FAILED).build(),
                job("stale").expectSuccessWithinMs(60_000L).staleSince(T0).nextRunAt(null).build(),
                job("completed").status(JobStatus.COMPLETED).schedule(new At(T0)).build());

        assertThat(store.summarize()).isEqualTo(new JobSummary(6, 3, 1, 1, 1, T0.plusSeconds(10), 1, 1));
    }

    @Test
    void the_summary_follows_every_change_at_once() {
        assertThat(store.summarize().total()).isZero();
        Job job = insert(job("counted").build());
        assertThat(store.summarize().total()).isEqualTo(1);

        Job paused = save(job, job.pause(T0.plusSeconds(1)), null);
        assertThat(store.summarize()).extracting(JobSummary::active, JobSummary::paused).containsExactly(0, 1);

        save(paused, paused.activate(T0.plusSeconds(2)), null);
        List<Job> claimed = store.claimDue(T0.plusSeconds(86_400), 10, OTHER, runIds("counted"));
        assertThat(claimed).hasSize(1);
        assertThat(store.summarize().active()).isEqualTo(1);

        store.apply(JobWrite.remove(claimed.get(0), List.of()));
        assertThat(store.summarize().total()).isZero();
    }

    @Test
    void counts_jobs_by_status_with_every_status_a_key() {
        assertThat(store.countByStatus()).isEqualTo(Map.of(JobStatus.ACTIVE, 0, JobStatus.PAUSED, 0,
                JobStatus.FAILED, 0, JobStatus.COMPLETED, 0));
        insertAll(job("active").build(), job("paused").status(JobStatus.PAUSED).build(),
                job("paused too").status(JobStatus.PAUSED).build(), job("failed").status(JobStatus.FAILED).build());

        assertThat(store.countByStatus()).isEqualTo(Map.of(JobStatus.ACTIVE, 1, JobStatus.PAUSED, 2,
                JobStatus.FAILED, 1, JobStatus.COMPLETED, 0));
    }

    // ---- insertAll, namesTaken

    @Test
    void insert_all_stores_every_job_with_its_create_entry_and_first_revision() {
        List<JobCreation> batch = IntStream.range(0, 5).mapToObj(i -> creation(job("batch " + i).build())).toList();

        store.insertAll(batch, NO_LIMIT);

        for (JobCreation creation : batch) {
            assertThat(store.find(creation.job().id())).contains(creation.job());
            assertThat(store.entriesFor(creation.job().id(), 10)).containsExactly(creation.created());
            assertThat(store.revisionsOf(creation.job().id(), 10)).containsExactly(JobRevision.first(creation.job()));
        }
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("jobsOfEveryShape")
    void insert_all_keeps_every_field(Job job) {
        store.insertAll(List.of(creation(job)), NO_LIMIT);

        assertThat(store.find(job.id())).contains(job);
    }

    /** A batch is created in one instant: the later of its jobs lists first, as one by one. */
    @Test
    void a_batch_lists_newest_first_like_jobs_inserted_one_by_one() {
        List<JobCreation> batch = IntStream.range(0, 4).mapToObj(i -> creation(job("same instant " + i).build())).toList();

        store.insertAll(batch, NO_LIMIT);

        assertThat(store.list(Optional.empty())).extracting(Job::name)
                .containsExactly("same instant 3", "same instant 2", "same instant 1", "same instant 0");
    }

    @Test
    void insert_all_refuses_every_name_stored_jobs_hold_and_stores_none_of_the_batch() {
        insertAll(job("Nightly").build(), job("weekly").build());
        Job fresh = job("fresh").build();
        Job nightly = job("NIGHTLY").build();
        Job weekly = job("Weekly").build();

        assertThatThrownBy(() -> store.insertAll(List.of(creation(fresh), creation(nightly), creation(weekly)), NO_LIMIT))
                .isInstanceOfSatisfying(DuplicateNameException.class,
                        e -> assertThat(e.names()).containsExactlyInAnyOrder("NIGHTLY", "Weekly"));
        for (Job refused : List.of(fresh, nightly, weekly)) {
            assertThat(store.find(refused.id())).isEmpty();
            assertThat(store.entriesFor(refused.id(), 10)).isEmpty();
            assertThat(store.revisionsOf(refused.id(), 10)).isEmpty();
        }
        assertThat(store.list(Optional.empty())).hasSize(2);
    }

    @Test
    void a_batch_that_does_not_fit_under_the_limit_stores_none_and_one_that_fits_exactly_stores_all() {
        insertAll(job("one").build(), job("two").build());
        List<JobCreation> three = IntStream.range(0, 3).mapToObj(i -> creation(job("more " + i).build())).toList();

        assertThatThrownBy(() -> store.insertAll(three, 4)).isInstanceOf(JobLimitReachedException.class);
        assertThat(store.list(Optional.empty())).hasSize(2);
        assertThat(store.entriesFor(three.get(0).job().id(), 10)).isEmpty();

        store.insertAll(three.subList(0, 2), 4);
        assertThat(store.list(Optional.empty())).hasSize(4);
    }

    /** The caller keeps a batch's own names apart; one that does not gets a failed transaction, never half a batch. */
    @Test
    void a_batch_that_fails_halfway_stores_none_of_it() {
        Job first = job("first").build();
        Job twice = job("twice").build();
        Job again = job("TWICE").build();

        assertThatThrownBy(() -> store.insertAll(List.of(creation(first), creation(twice), creation(again)), NO_LIMIT))
                .isInstanceOf(RuntimeException.class);
        assertThat(store.list(Optional.empty())).isEmpty();
        assertThat(store.entriesFor(first.id(), 10)).isEmpty();
        assertThat(store.revisionsOf(twice.id(), 10)).isEmpty();
    }

    /** The limit holds for batches racing each other: no count-then-insert gap lets two both fit. */
    @Test
    void batches_racing_for_the_last_places_never_exceed_the_limit() throws Exception {
        int limit = 50;
        java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> outcomes = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int writer = w;
                List<JobCreation> batch = IntStream.range(0, 20)
                        .mapToObj(i -> creation(job("writer " + writer + " job " + i).build())).toList();
                outcomes.add(writers.submit(() -> {
                    try {
                        store.insertAll(batch, limit);
                        return true;
                    } catch (JobLimitReachedException e) {
                        return false;
                    }
                }));
            }
            int stored = 0;
            for (java.util.concurrent.Future<Boolean> outcome : outcomes) {
                stored += outcome.get() ? 20 : 0;
            }

            assertThat(stored).isEqualTo(40);
            assertThat(store.list(Optional.empty())).hasSize(40);
        } finally {
            writers.shutdown();
        }
    }

    @Test
    void the_names_taken_are_the_keys_stored_jobs_hold() {
        insertAll(job("Überweisung").build(), job("report").build());

        assertThat(store.namesTaken(List.of("überweisung", "report", "other"))).containsExactlyInAnyOrder("überweisung",
                "report");
        assertThat(store.namesTaken(List.of())).isEmpty();
        assertThat(store.namesTaken(List.of("REPORT"))).as("keys are compared as given").isEmpty();
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
        Job paused = job.pause(T0.plusSeconds(1));
        AuditEntry pause = entry(job, AuditAction.PAUSE, JobStatus.ACTIVE, JobStatus.PAUSED, T0.plusSeconds(1));

        assertThat(store.apply(JobWrite.save(job, paused, List.of(pause)))).isTrue();

        assertThat(store.find(job.id())).contains(paused.withVersion(2));
        assertThat(store.entriesFor(job.id(), 10)).containsExactly(pause, createdEntryOf(job));
    }

    @Test
    void stale_write_is_skipped_and_reported() {
        Job job = insert(job("contended").build());
        Job pausedByOperator = job.pause(T0.plusSeconds(1));
        assertThat(store.apply(JobWrite.save(job, pausedByOperator, List.of()))).isTrue();
        AuditEntry late = entry(job, AuditAction.RUN, JobStatus.ACTIVE, JobStatus.ACTIVE, T0.plusSeconds(2));

        boolean applied = store.apply(JobWrite.save(job, job.replanTo(T0.plusSeconds(99), T0), List.of(late)));

        assertThat(applied).isFalse();
        assertThat(store.find(job.id())).contains(pausedByOperator.withVersion(2));
        assertThat(store.entriesFor(job.id(), 10)).doesNotContain(late);
    }

    @Test
    void write_to_a_deleted_job_is_skipped_and_reported() {
        Job job = insert(job("deleted").build());
        store.apply(JobWrite.remove(job, List.of()));
        RunRecord run = run(job, RunStatus.OK, T0);

        assertThat(store.apply(JobWrite.save(job, job.pause(T0), List.of(), run))).isFalse();
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

        JobWrite.Save writeA = JobWrite.save(a, a.replanTo(T0.plusSeconds(120), T0), List.of(), runA);
        JobWrite.Save writeB = JobWrite.save(staleB, b.pause(T0), List.of(entry(b, AuditAction.PAUSE, null, null, T0)),
                runB);
        JobWrite.Save writeC = JobWrite.save(c, c.pause(T0), List.of(auditC));
        Applied applied = store.apply(List.of(writeA, writeB, writeC));

        assertThat(applied.writes()).containsExactly(writeA, writeC);
        assertThat(applied.contains(writeB)).isFalse();
        assertThat(applied.count()).isEqualTo(2);
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
        Job claimed = job.claim(claim(T0, T0, 2), T0).withVersion(2);
        Job recorded = claimed.recordRun(new LastRun(T0, RunStatus.OK, 5, null), true, T0.plusMillis(5));
        JobWrite.Save first = JobWrite.save(job, claimed, List.of());
        JobWrite.Save second = JobWrite.save(claimed, recorded, List.of());

        Applied applied = store.apply(List.of(first, second));

        assertThat(applied.writes()).containsExactly(first, second);
        assertThat(store.find(job.id())).contains(recorded.withVersion(3));
    }

    @Test
    void save_with_a_run_record_adds_it_to_the_history_newest_first() {
        Job job = insert(job("runs").build());
        RunRecord first = run(job, RunStatus.ERROR, T0);
        Job v2 = save(job, job.replanTo(T0.plusSeconds(30), T0), first);
        RunRecord manual = new RunRecord(new RunId("manual-run"), job.id(), null, T0.plusSeconds(5), 0,
                RunStatus.OK, null, null, TestJobs.OWNER);
        save(v2, v2.replanTo(T0.plusSeconds(60), T0), manual);

        assertThat(store.runsOf(job.id(), 10)).containsExactly(manual, first);
        assertThat(store.runsOf(job.id(), 1)).containsExactly(manual);
    }

    @Test
    void one_run_id_can_be_recorded_interrupted_and_then_finished() {
        Job job = insert(job("interrupted").build());
        RunRecord interrupted = new RunRecord(new RunId("same-run"), job.id(), T0, T0, 0, RunStatus.INTERRUPTED,
                "interrupted", null, TestJobs.OWNER);
        RunRecord finished = new RunRecord(new RunId("same-run"), job.id(), T0, T0.plusSeconds(9), 250, RunStatus.OK,
                null, "fine", OTHER);
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

        assertThat(store.apply(writes).count()).isEqualTo(writes.size());
        assertThat(store.runsOf(job.id(), 1000)).containsExactlyElementsOf(recorded.subList(0, RunHistory.RETAINED_PER_JOB));
    }

    @Test
    void remove_deletes_the_job_and_its_runs_but_its_audit_stays_readable_newest_first() {
        Job job = insert(job("doomed").build());
        AuditEntry pause = entry(job, AuditAction.PAUSE, JobStatus.ACTIVE, JobStatus.PAUSED, T0.plusSeconds(1));
        Job paused = save(job, job.pause(T0.plusSeconds(1)), run(job, RunStatus.OK, T0), pause);
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

        JobWrite.Remove remove = JobWrite.remove(recorded.job(), List.of(delete));
        assertThat(store.apply(List.of(recorded, remove)).writes()).containsExactly(recorded, remove);

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
                RunStatus.ERROR, "HTTP 500: nope", "partial\noutput", new InstanceId("host-a-4711"));
        RunRecord beforeInstances = new RunRecord(new RunId("run-0"), job.id(), T0, T0, 1, RunStatus.OK, null, null,
                null);
        Job v2 = save(job, job, beforeInstances);
        save(v2, v2, runRecord, entry);

        assertThat(store.entriesFor(job.id(), 1)).containsExactly(entry);
        assertThat(store.runsOf(job.id(), 2)).containsExactly(runRecord, beforeInstances);
    }

    @Test
    void many_jobs_change_in_one_call() {
        List<Job> jobs = IntStream.range(0, 250).mapToObj(i -> insert(job("bulk " + i).build())).toList();
        List<JobWrite> writes = jobs.stream()
                .<JobWrite>map(j -> JobWrite.save(j, j.claim(claim(j.nextRunAt(), T0, j.version() + 1), T0), List.of()))
                .toList();

        assertThat(store.apply(writes).writes()).containsExactlyElementsOf(writes);
        assertThat(store.running()).hasSize(250);
        assertThat(store.due(T0.plusSeconds(3600), 1000)).isEmpty();
    }

    // ---- claimDue

    @Test
    void claim_due_claims_the_earliest_due_jobs_up_to_the_limit_for_the_owner() {
        Job third = insert(job("third").nextRunAt(T0.plusMillis(3)).build());
        Job first = insert(job("first").nextRunAt(T0.plusMillis(1)).build());
        Job second = insert(job("second").nextRunAt(T0.plusMillis(2)).build());
        Instant now = T0.plusSeconds(1);

        List<Job> claimed = store.claimDue(now, 2, OTHER, runIds("claimed"));

        assertThat(claimed).extracting(Job::id).containsExactly(first.id(), second.id());
        assertThat(store.due(now, 10)).containsExactly(third);
        assertThat(store.running()).extracting(Job::id).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(store.claimDue(now, 10, OTHER, runIds("again"))).extracting(Job::id).containsExactly(third.id());
        assertThat(store.claimDue(now, 10, OTHER, runIds("nothing left"))).isEmpty();
    }

    @Test
    void a_claim_ahead_takes_the_jobs_due_by_then_claimed_now_for_their_planned_instant() {
        Job soon = insert(job("soon").nextRunAt(T0.plusMillis(40)).build());
        insert(job("later").nextRunAt(T0.plusMillis(60)).build());

        List<Job> claimed = store.claimDue(T0.plusMillis(50), T0, 10, OTHER, runIds("ahead"));

        assertThat(claimed).singleElement().satisfies(job -> {
            assertThat(job.id()).isEqualTo(soon.id());
            assertThat(job.claim().plannedAt()).isEqualTo(T0.plusMillis(40));
            assertThat(job.claim().claimedAt()).isEqualTo(T0);
            assertThat(job.updatedAt()).isEqualTo(T0);
        });
        assertThat(store.find(soon.id())).contains(claimed.get(0));
    }

    @Test
    void a_claimed_job_carries_a_fresh_claim_of_the_owner_at_the_next_version_and_is_stored_as_returned() {
        Job due = insert(job("due").nextRunAt(T0).runCount(4).consecutiveErrors(2)
                .lastRun(new LastRun(T0.minusSeconds(60), RunStatus.ERROR, 12, "HTTP 500")).build());
        Instant now = T0.plusMillis(250);

        Job claimed = store.claimDue(now, 10, OTHER, runIds("run-of")).get(0);

        assertThat(claimed.claim()).isEqualTo(Claim.of(new RunId("run-of-1"), T0, now, due.version() + 1, OTHER));
        assertThat(claimed.claim().epoch()).isEqualTo(1);
        assertThat(claimed.version()).isEqualTo(due.version() + 1);
        assertThat(claimed.hasSameDefinition(due)).isTrue();
        assertThat(claimed).extracting(Job::status, Job::nextRunAt, Job::runCount, Job::consecutiveErrors, Job::lastRun)
                .containsExactly(due.status(), due.nextRunAt(), due.runCount(), due.consecutiveErrors(), due.lastRun());
        assertThat(store.find(due.id())).contains(claimed);
    }

    @Test
    void claim_due_skips_running_paused_failed_disabled_and_future_jobs() {
        Job due = job("due").nextRunAt(T0).build();
        insertAll(due,
                job("running").nextRunAt(T0).claim(claim(T0, T0, 1)).build(),
                job("paused").status(JobStatus.PAUSED).build(),
                job("failed").status(JobStatus.FAILED).build(),
                job("completed").status(JobStatus.COMPLETED).build(),
                job("disabled").disabled().build(),
                job("future").nextRunAt(T0.plusSeconds(61)).build());

        List<Job> claimed = store.claimDue(T0.plusSeconds(60), 100, OTHER, runIds("run"));

        assertThat(claimed).extracting(Job::id).containsExactly(due.id());
    }

    @Test
    void a_claimed_job_is_no_longer_due_nor_next() {
        insertAll(job("soon").nextRunAt(T0).build(), job("later").nextRunAt(T0.plusSeconds(30)).build());

        store.claimDue(T0, 10, OTHER, runIds("run"));

        assertThat(store.due(T0.plusSeconds(3600), 10)).extracting(Job::name).containsExactly("later");
        assertThat(store.nextDueAt()).contains(T0.plusSeconds(30));
    }

    // ---- orphaned claims

    @Test
    void a_claim_whose_owner_never_registered_is_orphaned() {
        Job claimed = insert(job("claimed").claim(claim(T0, T0, 1, OTHER)).build());
        insert(job("idle").build());

        assertThat(store.orphanedClaims(T0, LEASE)).containsExactly(claimed);
    }

    @Test
    void a_claim_of_a_living_owner_is_not_orphaned() {
        store.register(OTHER, "other host", T0);
        insert(job("claimed").claim(claim(T0, T0, 1, OTHER)).build());
        elapse(Duration.ofSeconds(5));

        assertThat(store.orphanedClaims(T0.plusSeconds(5), LEASE)).isEmpty();
    }

    @Test
    void a_claim_whose_owner_stopped_is_orphaned_at_once() {
        store.register(OTHER, "other host", T0);
        Job claimed = insert(job("claimed").claim(claim(T0, T0, 1, OTHER)).build());

        elapse(Duration.ofSeconds(1));
        store.deregister(OTHER, T0.plusSeconds(1));

        assertThat(store.orphanedClaims(T0.plusSeconds(1), LEASE)).containsExactly(claimed);
    }

    @Test
    void a_claim_whose_owner_was_silent_for_longer_than_the_lease_is_orphaned() {
        store.register(OTHER, "other host", T0);
        InstanceId alive = new InstanceId("instance-alive");
        store.register(alive, "alive host", T0);
        Job silent = insert(job("silent owner").claim(claim(T0, T0, 1, OTHER)).build());
        insert(job("living owner").claim(claim(T0, T0, 1, alive)).build());
        elapse(Duration.ofSeconds(5));
        assertThat(store.orphanedClaims(T0.plusSeconds(5), LEASE)).isEmpty();
        elapse(Duration.ofSeconds(3));
        assertThat(store.heartbeat(alive, T0.plusSeconds(8), LEASE)).isTrue();

        elapse(Duration.ofSeconds(3));
        assertThat(store.orphanedClaims(T0.plusSeconds(11), LEASE)).containsExactly(silent);
    }

    // ---- instances

    @Test
    void a_registered_instance_is_listed_alive_with_its_name_and_times() {
        store.register(OTHER, "host-a-4711", T0);
        elapse(Duration.ofSeconds(1));

        assertThat(store.instances(T0.plusSeconds(1), LEASE)).singleElement().satisfies(info -> {
            assertThat(info).extracting(InstanceInfo::id, InstanceInfo::name, InstanceInfo::alive)
                    .containsExactly(OTHER, "host-a-4711", true);
            assertThat(info.heartbeatAt()).isEqualTo(info.startedAt());
            assertRecordedAt(info.startedAt(), T0);
        });
    }

    @Test
    void a_heartbeat_while_alive_renews_the_lease() {
        store.register(OTHER, "host", T0);

        elapse(Duration.ofSeconds(8));
        assertThat(store.heartbeat(OTHER, T0.plusSeconds(8), LEASE)).isTrue();
        elapse(Duration.ofSeconds(8));
        assertThat(store.heartbeat(OTHER, T0.plusSeconds(16), LEASE)).isTrue();
        elapse(Duration.ofSeconds(1));

        assertThat(store.instances(T0.plusSeconds(17), LEASE)).singleElement().satisfies(info -> {
            assertThat(info).extracting(InstanceInfo::id, InstanceInfo::name, InstanceInfo::alive)
                    .containsExactly(OTHER, "host", true);
            assertRecordedAt(info.startedAt(), T0);
            assertRecordedAt(info.heartbeatAt(), T0.plusSeconds(16));
        });
    }

    @Test
    void a_heartbeat_after_the_lease_lapsed_is_refused_until_the_instance_registers_again() {
        store.register(OTHER, "host", T0);

        elapse(Duration.ofSeconds(11));
        assertThat(store.heartbeat(OTHER, T0.plusSeconds(11), LEASE)).isFalse();
        assertThat(store.instances(T0.plusSeconds(11), LEASE)).singleElement()
                .satisfies(info -> assertThat(info.alive()).isFalse());

        elapse(Duration.ofSeconds(1));
        store.register(OTHER, "host", T0.plusSeconds(12));
        elapse(Duration.ofSeconds(1));
        assertThat(store.heartbeat(OTHER, T0.plusSeconds(13), LEASE)).isTrue();
        assertThat(store.instances(T0.plusSeconds(13), LEASE)).singleElement()
                .satisfies(info -> assertThat(info.alive()).isTrue());
    }

    @Test
    void a_deregistered_instance_is_dead_and_its_heartbeat_refused() {
        store.register(OTHER, "host", T0);

        elapse(Duration.ofSeconds(1));
        store.deregister(OTHER, T0.plusSeconds(1));

        elapse(Duration.ofSeconds(1));
        assertThat(store.heartbeat(OTHER, T0.plusSeconds(2), LEASE)).isFalse();
        assertThat(store.instances(T0.plusSeconds(2), LEASE)).singleElement()
                .satisfies(info -> assertThat(info.alive()).isFalse());
    }

    @Test
    void an_unknown_instance_has_no_heartbeat_to_renew() {
        assertThat(store.heartbeat(new InstanceId("never-registered"), T0, LEASE)).isFalse();
        assertThat(store.instances(T0, LEASE)).isEmpty();
    }

    @Test
    void the_living_are_listed_first_and_the_long_dead_not_at_all() {
        InstanceId longGone = new InstanceId("instance-long-gone");
        InstanceId dead = new InstanceId("instance-dead");
        InstanceId alive = new InstanceId("instance-alive");
        Instant now = T0.plus(Duration.ofHours(25));
        store.register(longGone, "gone", T0);
        elapse(Duration.between(T0, now.minusSeconds(60)));
        store.register(dead, "dead", now.minusSeconds(60));
        elapse(Duration.ofSeconds(59));
        store.register(alive, "alive", now.minusSeconds(1));
        elapse(Duration.ofSeconds(1));

        List<InstanceInfo> listed = store.instances(now, LEASE);

        assertThat(listed).extracting(InstanceInfo::id, InstanceInfo::alive)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(alive, true),
                        org.assertj.core.groups.Tuple.tuple(dead, false));
    }

    // ---- alert outbox

    @Test
    void an_alert_written_with_a_save_is_due_with_every_field() {
        Job job = insert(job("flaky").build());
        Job failed = job.tripBreaker(10, T0.plusSeconds(1));
        Alert alert = new Alert("alert-1", AlertKind.JOB_FAILED, job.id().value(), job.name(), 10,
                "HTTP 503: down ü", T0.plusMillis(1001));

        assertThat(store.apply(JobWrite.save(job, failed, List.of()).alerting(alert))).isTrue();

        assertThat(store.alertsDue(T0.plusSeconds(2), 10)).containsExactly(alert);
    }

    @Test
    void an_alert_of_a_skipped_save_is_not_written() {
        Job job = insert(job("contended").build());
        assertThat(store.apply(JobWrite.save(job, job.pause(T0), List.of()))).isTrue();
        Alert alert = alert("alert-stale", job, T0);

        assertThat(store.apply(JobWrite.save(job, job.tripBreaker(10, T0), List.of()).alerting(alert))).isFalse();

        assertThat(store.alertsDue(T0.plusSeconds(60), 10)).isEmpty();
        assertThat(store.alertBacklog().count()).isZero();
    }

    @Test
    void due_alerts_come_oldest_first_up_to_the_limit() {
        Job job = insert(job("noisy").build());
        Alert second = alert("alert-b", job, T0.plusSeconds(2));
        Alert first = alert("alert-a", job, T0.plusSeconds(1));
        Alert third = alert("alert-c", job, T0.plusSeconds(3));
        Job current = job;
        for (Alert alert : List.of(second, first, third)) {
            JobWrite.Save write = JobWrite.save(current, current, List.of()).alerting(alert);
            assertThat(store.apply(write)).isTrue();
            current = write.job();
        }

        assertThat(store.alertsDue(T0.plusSeconds(10), 2)).containsExactly(first, second);
        assertThat(store.alertsDue(T0.plusSeconds(2), 10)).as("none from the future").containsExactly(first, second);
    }

    @Test
    void a_deferred_alert_is_not_due_until_its_next_attempt() {
        Alert alert = writeAlert("alert-1", T0);

        store.alertDeferred(alert.id(), T0.plusSeconds(30), "connection refused");

        assertThat(store.alertsDue(T0.plusSeconds(29), 10)).isEmpty();
        assertThat(store.alertsDue(T0.plusSeconds(30), 10)).containsExactly(alert);
        assertThat(store.alertBacklog().count()).as("deferred still waits").isEqualTo(1);
    }

    @Test
    void a_delivered_alert_is_gone() {
        Alert delivered = writeAlert("alert-1", T0);
        Alert waiting = writeAlert("alert-2", T0.plusSeconds(1));

        store.alertDelivered(delivered.id());

        assertThat(store.alertsDue(T0.plusSeconds(60), 10)).containsExactly(waiting);
        assertThat(store.alertBacklog().count()).isEqualTo(1);
    }

    @Test
    void the_backlog_counts_waiting_alerts_and_knows_the_oldest() {
        assertThat(store.alertBacklog()).isEqualTo(new AlertOutbox.Backlog(0, Optional.empty()));
        writeAlert("alert-1", T0.plusSeconds(5));
        Alert oldest = writeAlert("alert-2", T0.plusSeconds(2));
        writeAlert("alert-3", T0.plusSeconds(9));
        store.alertDeferred(oldest.id(), T0.plusSeconds(60), "down");

        assertThat(store.alertBacklog()).isEqualTo(new AlertOutbox.Backlog(3, Optional.of(T0.plusSeconds(2))));
    }

    // ---- history writes

    @Test
    void a_history_write_adds_the_run_and_changes_nothing_else() {
        Job job = insert(job("taken over").claim(claim(T0, T0, 1, OTHER)).build());
        RunRecord late = new RunRecord(new RunId("late-run"), job.id(), T0, T0, 30_000, RunStatus.SUPERSEDED, null,
                "late output", TestJobs.OWNER);
        JobWrite.History history = new JobWrite.History(job.id(), late);

        Applied applied = store.apply(List.of(history));

        assertThat(applied.contains(history)).isTrue();
        assertThat(store.runsOf(job.id(), 10)).containsExactly(late);
        assertThat(store.find(job.id())).contains(job);
        assertThat(store.entriesFor(job.id(), 10)).containsExactly(createdEntryOf(job));
    }

    @Test
    void a_history_write_applies_whatever_the_version_of_the_job() {
        Job job = insert(job("moved on").build());
        Job v2 = save(job, job.pause(T0.plusSeconds(1)), null);
        RunRecord late = run(job, RunStatus.SUPERSEDED, T0);

        assertThat(store.apply(new JobWrite.History(job.id(), late))).isTrue();

        assertThat(store.find(job.id())).contains(v2);
        assertThat(store.runsOf(job.id(), 10)).containsExactly(late);
    }

    @Test
    void a_history_write_for_a_deleted_job_is_skipped() {
        Job job = insert(job("gone").build());
        assertThat(store.apply(JobWrite.remove(job, List.of()))).isTrue();
        JobWrite.History history = new JobWrite.History(job.id(), run(job, RunStatus.SUPERSEDED, T0));

        Applied applied = store.apply(List.of(history));

        assertThat(applied.contains(history)).isFalse();
        assertThat(applied.count()).isZero();
        assertThat(store.runsOf(job.id(), 10)).isEmpty();
        assertThat(store.find(job.id())).isEmpty();
    }

    // ---- Applied

    @Test
    void applied_names_the_writes_that_took_effect_in_their_order() {
        Job a = insert(job("a").build());
        Job b = insert(job("b").build());
        Job gone = insert(job("gone").build());
        assertThat(store.apply(JobWrite.remove(gone, List.of()))).isTrue();
        JobWrite.Save saveA = JobWrite.save(a, a.pause(T0), List.of());
        JobWrite.Save staleA = JobWrite.save(a, a.tripBreaker(10, T0), List.of());
        JobWrite.Remove removeB = JobWrite.remove(b, List.of());
        JobWrite.Save toGone = JobWrite.save(gone, gone.pause(T0), List.of());
        List<JobWrite> writes = List.of(saveA, staleA, removeB, toGone);

        Applied applied = store.apply(writes);

        assertThat(applied.writes()).containsExactly(saveA, removeB);
        assertThat(applied.among(writes)).containsExactly(saveA, removeB);
        assertThat(applied.among(List.of(staleA, toGone))).isEmpty();
        assertThat(applied.contains(saveA)).isTrue();
        assertThat(applied.contains(staleA)).as("same job, stale version after the first write").isFalse();
        assertThat(applied.count()).isEqualTo(2);
        assertThat(store.find(a.id())).contains(saveA.job());
        assertThat(store.find(b.id())).isEmpty();
    }

    @Test
    void applying_nothing_applies_nothing() {
        assertThat(store.apply(List.of()).count()).isZero();
    }

    // ---- audit retention

    @Test
    void trimming_keeps_each_jobs_newest_entries_and_deletes_only_older_than_the_cutoff() {
        Job busy = insert(job("busy").build());
        Job quiet = insert(job("quiet").build());
        Job current = busy;
        List<AuditEntry> busyEntries = new ArrayList<>(List.of(createdEntryOf(busy)));
        for (int i = 1; i <= 6; i++) {
            AuditEntry entry = entry(busy, AuditAction.RUN, JobStatus.ACTIVE, JobStatus.ACTIVE, T0.plusSeconds(i));
            current = save(current, current, null, entry);
            busyEntries.add(entry);
        }
        // busy: created at T0 and runs at T0+1..T0+6; quiet: created at T0. Cut off at T0+4, keep 3 per job:
        // busy keeps T0+4..T0+6 (the newest three, also not older than the cutoff), loses T0..T0+3.

        int deleted = store.trimAudit(T0.plusSeconds(4), 3);

        assertThat(deleted).isEqualTo(4);
        assertThat(store.entriesFor(busy.id(), 100)).containsExactly(busyEntries.get(6), busyEntries.get(5),
                busyEntries.get(4));
        assertThat(store.entriesFor(quiet.id(), 100)).as("one entry, among its newest three")
                .containsExactly(createdEntryOf(quiet));
    }

    @Test
    void trimming_never_deletes_an_entry_newer_than_the_cutoff_even_beyond_the_kept_number() {
        Job busy = insert(job("busy").build());
        Job current = busy;
        for (int i = 1; i <= 5; i++) {
            current = save(current, current, null,
                    entry(busy, AuditAction.RUN, JobStatus.ACTIVE, JobStatus.ACTIVE, T0.plusSeconds(i)));
        }

        int deleted = store.trimAudit(T0.plusSeconds(3), 1);

        assertThat(deleted).as("T0, T0+1 and T0+2 are older than the cutoff and not the newest").isEqualTo(3);
        assertThat(store.entriesFor(busy.id(), 100)).extracting(AuditEntry::createdAt)
                .containsExactly(T0.plusSeconds(5), T0.plusSeconds(4), T0.plusSeconds(3));
    }

    @Test
    void trimming_reaches_the_audit_of_deleted_jobs_too() {
        Job job = insert(job("deleted long ago").build());
        AuditEntry delete = entry(job, AuditAction.DELETE, JobStatus.ACTIVE, null, T0.plusSeconds(1));
        assertThat(store.apply(JobWrite.remove(job, List.of(delete)))).isTrue();

        assertThat(store.trimAudit(T0.plusSeconds(60), 1)).isEqualTo(1);

        assertThat(store.entriesFor(job.id(), 10)).containsExactly(delete);
    }

    // ---- newest update, unreadable rows

    @Test
    void the_newest_update_is_the_latest_updated_at_of_any_job() {
        assertThat(store.newestUpdate()).isEmpty();
        Job old = insert(job("old").createdAt(T0).build());
        insert(job("newer").createdAt(T0.plusSeconds(10)).build());
        assertThat(store.newestUpdate()).contains(T0.plusSeconds(10));

        save(old, old.pause(T0.plusSeconds(20)), null);

        assertThat(store.newestUpdate()).contains(T0.plusSeconds(20));
    }

    @Test
    void there_is_no_unreadable_row_to_remove_under_an_unknown_id() {
        JobId unknown = JobId.of("no-such-row");
        AuditEntry deleted = new AuditEntry("audit-x", unknown, unknown.value(), AuditAction.DELETE, null, null, "user",
                "removed", T0);

        assertThat(store.removeUnreadable(unknown, deleted)).isFalse();
        assertThat(store.entriesFor(unknown, 10)).isEmpty();
    }

    // ---- edits, revisions, timed pauses, staleness (CONTRACT §12)

    @Test
    void insert_records_the_job_as_its_first_revision() {
        Job job = insert(job("first revision").expectSuccessWithinMs(3_600_000L).build());

        assertThat(store.revisionsOf(job.id(), 10)).containsExactly(JobRevision.first(job));
    }

    @Test
    void an_edit_replaces_definition_and_state_and_adds_its_revision_and_audit() {
        Job job = insert(job("before edit").build());
        Instant at = T0.plusSeconds(5);
        JobDefinition changed = new JobDefinition("after edit", null, true,
                Cron.of("0 9 * * 1-5", ZoneId.of("Europe/Berlin")), "new task", true, 120_000L);
        Job edited = job.redefine(changed, at);
        AuditEntry update = entry(job, AuditAction.UPDATE, JobStatus.ACTIVE, JobStatus.ACTIVE, at);
        JobWrite.Edit write = JobWrite.edit(job, edited, List.of(update), "ops");

        assertThat(store.apply(write)).isTrue();

        Job stored = store.find(job.id()).orElseThrow();
        assertThat(stored).isEqualTo(write.job());
        assertThat(stored.definition()).isEqualTo(changed);
        assertThat(stored.revision()).isEqualTo(2);
        assertThat(store.revisionsOf(job.id(), 10)).containsExactly(write.revision(), JobRevision.first(job));
        assertThat(store.revisionsOf(job.id(), 10).get(0).changedBy()).isEqualTo("ops");
        assertThat(store.entriesFor(job.id(), 10)).containsExactly(update, createdEntryOf(job));
    }

    @Test
    void an_edit_of_a_job_that_changed_meanwhile_is_skipped_and_adds_no_revision() {
        Job job = insert(job("edited late").build());
        save(job, job.pause(T0.plusSeconds(1)), null);
        Job edited = job.redefine(renamed(job, "too late"), T0.plusSeconds(2));

        assertThat(store.apply(JobWrite.edit(job, edited, List.of(), "user"))).isFalse();

        assertThat(store.find(job.id()).orElseThrow().name()).isEqualTo("edited late");
        assertThat(store.revisionsOf(job.id(), 10)).hasSize(1);
    }

    @Test
    void an_edit_to_a_name_another_job_holds_is_a_duplicate_and_changes_nothing() {
        insert(job("Taken").build());
        Job job = insert(job("mine").build());
        Job edited = job.redefine(renamed(job, "TAKEN"), T0.plusSeconds(1));

        assertThatThrownBy(() -> store.apply(JobWrite.edit(job, edited, List.of(), "user")))
                .isInstanceOf(DuplicateNameException.class);

        assertThat(store.find(job.id())).contains(job);
        assertThat(store.revisionsOf(job.id(), 10)).hasSize(1);
    }

    @Test
    void an_edit_may_change_the_case_of_the_jobs_own_name() {
        Job job = insert(job("shouting").build());
        Job edited = job.redefine(renamed(job, "SHOUTING"), T0.plusSeconds(1));

        assertThat(store.apply(JobWrite.edit(job, edited, List.of(), "user"))).isTrue();

        assertThat(store.find(job.id()).orElseThrow().name()).isEqualTo("SHOUTING");
    }

    @Test
    void revisions_are_kept_newest_first_up_to_the_retained_number_and_go_with_the_job() {
        Job job = insert(job("edited often").build());
        for (int i = 1; i <= JobRevision.RETAINED_PER_JOB + 2; i++) {
            Job edited = job.redefine(renamed(job, "edit " + i), T0.plusSeconds(i));
            JobWrite.Edit write = JobWrite.edit(job, edited, List.of(), "user");
            assertThat(store.apply(write)).isTrue();
            job = write.job();
        }

        List<JobRevision> kept = store.revisionsOf(job.id(), 1000);
        assertThat(kept).hasSize(JobRevision.RETAINED_PER_JOB);
        assertThat(kept.get(0).revision()).isEqualTo(JobRevision.RETAINED_PER_JOB + 3);
        assertThat(kept.get(0).definition().name()).isEqualTo("edit " + (JobRevision.RETAINED_PER_JOB + 2));
        assertThat(store.revisionsOf(job.id(), 3)).hasSize(3);

        store.apply(JobWrite.remove(job, List.of()));
        assertThat(store.revisionsOf(job.id(), 10)).isEmpty();
    }

    @Test
    void timed_pauses_are_the_jobs_paused_until_an_instant_earliest_end_first() {
        Job later = insert(job("until later").pausedUntil(T0.plusSeconds(600)).build());
        Job sooner = insert(job("until sooner").pausedUntil(T0.plusSeconds(60)).build());
        insertAll(job("paused for good").status(JobStatus.PAUSED).build(), job("active").build());

        assertThat(store.timedPauses()).containsExactly(sooner, later);
    }

    @Test
    void watched_jobs_are_the_active_ones_with_a_window_and_no_open_stale_episode() {
        Job watched = insert(job("watched").expectSuccessWithinMs(60_000L).lastSuccessAt(T0).build());
        insertAll(job("unwatched").build(),
                job("already stale").expectSuccessWithinMs(60_000L).staleSince(T0).build(),
                job("paused watch").expectSuccessWithinMs(60_000L).status(JobStatus.PAUSED).build());

        assertThat(store.watched()).containsExactly(watched);
    }

    @Test
    void the_timed_pause_and_staleness_fields_survive_a_save() {
        Job job = insert(job("watched and paused").expectSuccessWithinMs(60_000L).build());
        Job stale = save(job, job.markStale(T0.plusSeconds(61)), null);
        Job paused = save(stale, stale.pause(T0.plusSeconds(3600), T0.plusSeconds(62)), null);

        assertThat(store.find(job.id())).contains(paused);
        assertThat(paused.staleSince()).isEqualTo(T0.plusSeconds(61));
        assertThat(paused.pausedUntil()).isEqualTo(T0.plusSeconds(3600));
    }

    @Test
    void pending_probes_are_the_failed_jobs_with_a_probe_planned_earliest_first() {
        Job later = insert(job("probes later").status(JobStatus.FAILED).probe(new Probe(60_000))
                .pendingProbe(T0.plusSeconds(600), Duration.ofMinutes(10)).build());
        Job sooner = insert(job("probes sooner").status(JobStatus.FAILED).probe(new Probe(60_000))
                .pendingProbe(T0.plusSeconds(60), Duration.ofMinutes(1)).build());
        insertAll(job("failed for good").status(JobStatus.FAILED).build(),
                job("opted in, active").probe(new Probe(60_000)).build());

        assertThat(store.pendingProbes()).containsExactly(sooner, later);
    }

    @Test
    void the_probe_fields_survive_a_save_and_a_revival_clears_the_pending_probe() {
        Job job = insert(job("probing").probe(new Probe(120_000)).dependency("Slack").build());
        Job failed = save(job, job.tripBreaker(10, T0.plusSeconds(1)), null);
        assertThat(store.find(job.id())).contains(failed);
        assertThat(failed.nextProbeAt()).isEqualTo(T0.plusSeconds(121));

        Job probedAgain = save(failed, failed.probeFailed(11, T0.plusSeconds(121)), null);
        assertThat(store.find(job.id())).contains(probedAgain);
        assertThat(probedAgain.pendingProbe().waited()).isEqualTo(Duration.ofMinutes(4));

        Job revived = save(probedAgain, probedAgain.activate(T0.plusSeconds(400)), null);
        assertThat(store.find(job.id())).contains(revived);
        assertThat(store.pendingProbes()).isEmpty();
    }

    @Test
    void a_revision_keeps_the_dependency_and_the_probe() {
        Job job = insert(job("calls slack").dependency("Slack").probe(new Probe(90_000)).build());

        assertThat(store.revisionsOf(job.id(), 1)).singleElement()
                .satisfies(revision -> assertThat(revision.definition()).isEqualTo(job.definition()));
    }

    @Test
    void a_run_record_says_whether_it_was_a_probe() {
        Job job = insert(job("probing").build());
        RunRecord probe = new RunRecord(new RunId("run-probe"), job.id(), T0, T0.plusMillis(5), 12, RunStatus.ERROR,
                "HTTP 503", null, OTHER, true);
        save(job, job, probe);

        assertThat(store.runsOf(job.id(), 10)).containsExactly(probe);
    }

    private static JobDefinition renamed(Job job, String name) {
        JobDefinition d = job.definition();
        return new JobDefinition(name, d.description(), d.enabled(), d.schedule(), d.task(), d.deleteAfterRun(),
                d.expectSuccessWithinMs(), d.dependency(), d.probe());
    }

    // ---- helpers

    protected final Job insert(Job job) {
        AuditEntry created = created(job);
        store.insert(job, created, NO_LIMIT);
        createdEntries.put(job.id(), created);
        return job;
    }

    /** {@code job} with its {@code create} entry, for {@link JobStore#insertAll}. */
    protected static JobCreation creation(Job job) {
        return new JobCreation(job, created(job));
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

    /** Run ids {@code prefix-1}, {@code prefix-2}, ... */
    protected static Supplier<RunId> runIds(String prefix) {
        AtomicInteger next = new AtomicInteger();
        return () -> new RunId(prefix + "-" + next.incrementAndGet());
    }

    protected static Alert alert(String id, Job job, Instant createdAt) {
        return new Alert(id, AlertKind.JOB_FAILED, job.id().value(), job.name(), 10, "boom", createdAt);
    }

    /** Writes {@code id} to the outbox with a save of a job of its own; returns the alert. */
    protected final Alert writeAlert(String id, Instant createdAt) {
        Job job = insert(job("alerting " + id).build());
        Alert alert = alert(id, job, createdAt);
        assertThat(store.apply(JobWrite.save(job, job, List.of()).alerting(alert))).isTrue();
        return alert;
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
