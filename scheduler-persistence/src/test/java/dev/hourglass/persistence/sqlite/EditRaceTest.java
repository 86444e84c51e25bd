package dev.hourglass.persistence.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.domain.Hourglass;
import dev.hourglass.domain.error.PreconditionFailedException;
import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.port.in.CreateJobCommand;
import dev.hourglass.domain.port.in.EditJobCommand;
import dev.hourglass.domain.port.in.HistoryQuery;
import dev.hourglass.domain.port.in.PauseJobCommand;
import dev.hourglass.domain.port.out.RunOutcome;
import dev.hourglass.domain.schedule.Every;
import dev.hourglass.domain.schedule.ScheduleSpec;
import dev.hourglass.domain.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONTRACT §12.1's races on a real SQLite file: two threads released by one barrier, so the two
 * writes land at the same moment, many rounds over. Exactly one wins where one must, both where
 * both may, and no job ever holds half of an edit.
 */
class EditRaceTest {

    private static final int ROUNDS = 25;
    private static final long TIMEOUT_S = 30;

    @TempDir
    Path dir;

    private final ManualClock clock = ManualClock.at("2026-11-28T10:00:00Z");
    private final CyclicBarrier barrier = new CyclicBarrier(2);
    private SqliteStore store;
    private Hourglass hourglass;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("race.db"));
        hourglass = Hourglass.builder(store).clock(clock).defaultZone(ZoneOffset.UTC).runner(request -> {
            await(barrier);
            return RunOutcome.ok("done");
        }).build();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void two_edits_with_the_same_if_match_one_wins_whole_and_the_other_is_refused() throws Exception {
        Job job = create("contested", 60_000);
        for (int r = 1; r <= ROUNDS; r++) {
            int round = r;
            long revision = hourglass.useCases().get().get(job.id()).revision();
            CompletableFuture<Object> a = CompletableFuture.supplyAsync(() -> editAtOnce(job.id(), "a", round, revision));
            CompletableFuture<Object> b = CompletableFuture.supplyAsync(() -> editAtOnce(job.id(), "b", round, revision));

            List<Object> outcomes = List.of(a.get(TIMEOUT_S, TimeUnit.SECONDS), b.get(TIMEOUT_S, TimeUnit.SECONDS));

            assertThat(outcomes).filteredOn(Job.class::isInstance).as("round %d", round).hasSize(1);
            assertThat(outcomes).filteredOn(PreconditionFailedException.class::isInstance).hasSize(1);
            Job stored = hourglass.useCases().get().get(job.id());
            assertThat(stored.revision()).isEqualTo(revision + 1);
            String winner = stored.name().substring(0, 1);
            assertThat(stored.name()).isEqualTo(winner + " " + round);
            assertThat(stored.task()).as("the task of the same edit as the name").isEqualTo("task by " + winner);
        }
        assertThat(hourglass.useCases().revisions().revisions(HistoryQuery.of(job.id(), 100))).hasSize(ROUNDS + 1);
    }

    @Test
    void an_edit_and_a_run_finishing_at_the_same_moment_both_hold_and_the_next_fire_follows_the_edit()
            throws Exception {
        for (int r = 1; r <= ROUNDS; r++) {
            int round = r;
            Job job = create("racing run " + round, 10_000);
            clock.advance(Duration.ofSeconds(10));
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(hourglass::runDueJobs);
            CompletableFuture<Job> edit = CompletableFuture.supplyAsync(() -> {
                await(barrier);
                return hourglass.useCases().edit().edit(EditJobCommand.of(job.id(), null).name("edited " + round)
                        .schedule(ScheduleSpec.every(3_600_000)).build());
            });

            assertThat(run.get(TIMEOUT_S, TimeUnit.SECONDS)).isEqualTo(1);
            edit.get(TIMEOUT_S, TimeUnit.SECONDS);

            Job after = hourglass.useCases().get().get(job.id());
            assertThat(after.name()).as("round %d", round).isEqualTo("edited " + round);
            assertThat(after.schedule()).isEqualTo(new Every(3_600_000, clock.instant()));
            assertThat(after.revision()).isEqualTo(2);
            assertThat(after.runCount()).isEqualTo(1);
            assertThat(after.claim()).isNull();
            assertThat(after.status()).isEqualTo(JobStatus.ACTIVE);
            assertThat(after.nextRunAt()).as("the new hourly grid").isEqualTo(clock.instant().plusMillis(3_600_000));
            hourglass.useCases().pause().pause(new PauseJobCommand(job.id(), null, null));
        }
    }

    @Test
    void an_edit_and_a_pause_at_the_same_moment_both_apply_whole() throws Exception {
        for (int r = 1; r <= ROUNDS; r++) {
            int round = r;
            Job job = create("racing pause " + round, 60_000);
            CompletableFuture<Object> edit = CompletableFuture.supplyAsync(() -> editAtOnce(job.id(), "e", round, null));
            CompletableFuture<Job> pause = CompletableFuture.supplyAsync(() -> {
                await(barrier);
                return hourglass.useCases().pause().pause(new PauseJobCommand(job.id(), "racing", null));
            });

            assertThat(edit.get(TIMEOUT_S, TimeUnit.SECONDS)).isInstanceOf(Job.class);
            pause.get(TIMEOUT_S, TimeUnit.SECONDS);

            Job after = hourglass.useCases().get().get(job.id());
            assertThat(after.status()).as("round %d", round).isEqualTo(JobStatus.PAUSED);
            assertThat(after.nextRunAt()).isNull();
            assertThat(after.name()).isEqualTo("e " + round);
            assertThat(after.task()).isEqualTo("task by e");
            assertThat(after.revision()).isEqualTo(2);
            assertThat(hourglass.useCases().audit().audit(HistoryQuery.of(job.id(), 10))).extracting(AuditEntry::action)
                    .containsExactlyInAnyOrder(AuditAction.UPDATE, AuditAction.PAUSE, AuditAction.CREATE);
        }
    }

    private Job create(String name, long everyMs) {
        return hourglass.useCases().create().create(CreateJobCommand.of(name, ScheduleSpec.every(everyMs), "t"));
    }

    /** Waits at the barrier, then edits name and task together; answers the job or the refusal. */
    private Object editAtOnce(JobId id, String who, int round, Long ifRevision) {
        await(barrier);
        try {
            return hourglass.useCases().edit().edit(EditJobCommand.of(id, null).name(who + " " + round)
                    .task("task by " + who).ifRevision(ifRevision).build());
        } catch (PreconditionFailedException refused) {
            return refused;
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other side of the race never came", e);
        }
    }
}
