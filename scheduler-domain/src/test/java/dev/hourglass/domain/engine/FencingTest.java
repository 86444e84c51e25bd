package dev.hourglass.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.RunRecord;
import dev.hourglass.domain.model.RunStatus;
import dev.hourglass.domain.port.in.HistoryQuery;
import dev.hourglass.domain.port.out.RunOutcome;
import dev.hourglass.domain.port.out.TaskRequest;
import dev.hourglass.domain.schedule.ScheduleSpec;
import dev.hourglass.domain.testing.TestScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * CONTRACT §10.3, two instances on one store and one clock, driven by hand: instance A is frozen
 * inside a run (the run's task is where the test moves the clock and drives B) long enough for its
 * lease to lapse; B takes the claim over and fires the run again. When A's outcome finally
 * arrives, it is only history.
 */
class FencingTest {

    private final TestScheduler a = new TestScheduler();
    private final TestScheduler b = a.restarted();
    private final Duration pastTheLease = EngineSettings.DEFAULT.lease().plusSeconds(1);

    @Test
    void an_outcome_arriving_after_another_instance_took_the_claim_over_is_superseded_and_changes_nothing_else() {
        Job job = a.create("tick", ScheduleSpec.every(10_000));
        a.clock.advance(Duration.ofSeconds(10));
        AtomicReference<Job> afterTakeover = new AtomicReference<>();
        a.runner.answering(request -> {
            a.clock.advance(pastTheLease);
            assertThat(b.hourglass.heartbeat()).as("B takes the run over").isEqualTo(1);
            assertThat(b.hourglass.runDueJobs()).as("and fires it again").isEqualTo(1);
            afterTakeover.set(a.store.find(job.id()).orElseThrow());
            return RunOutcome.failed("HTTP 500: a late and stale error");
        });

        a.hourglass.runDueJobs();

        Job after = a.get(job.id());
        assertThat(after).as("the late outcome changed nothing").isEqualTo(afterTakeover.get());
        assertThat(after.runCount()).isEqualTo(1);
        assertThat(after.consecutiveErrors()).isZero();
        assertThat(after.lastRun().status()).isEqualTo(RunStatus.OK);
        assertThat(after.nextRunAt()).isEqualTo(Instant.parse("2026-11-28T10:00:30Z"));
        assertThat(after.claim()).isNull();
        List<RunRecord> runs = runs(job);
        assertThat(runs).extracting(RunRecord::status)
                .containsExactly(RunStatus.SUPERSEDED, RunStatus.OK, RunStatus.INTERRUPTED);
        assertThat(runs).extracting(RunRecord::runId).containsOnly(a.runner.requests().get(0).runId());
        assertThat(runs).extracting(RunRecord::instance).containsExactly(a.hourglass.instanceId(),
                b.hourglass.instanceId(), a.hourglass.instanceId());
        assertThat(runs.get(0).error()).isEqualTo("HTTP 500: a late and stale error");
        assertThat(a.audit(job.id())).extracting(AuditEntry::action).containsExactly(AuditAction.CREATE);
        assertThat(a.store.alertBacklog().count()).isZero();
    }

    @Test
    void the_taken_over_run_fires_again_with_the_same_run_id_and_attempt_without_counting_an_error() {
        Job job = a.create("flaky", ScheduleSpec.every(600_000));
        a.runner.failingWith("boom");
        a.clock.advance(Duration.ofMinutes(10));
        a.hourglass.runDueJobs();
        a.clock.advance(Duration.ofSeconds(30));
        a.hourglass.runDueJobs();
        assertThat(a.get(job.id()).consecutiveErrors()).isEqualTo(2);
        a.clock.advance(Duration.ofMinutes(1));
        b.runner.failingWith("still broken");
        a.runner.answering(request -> {
            a.clock.advance(pastTheLease);
            b.hourglass.heartbeat();
            b.hourglass.runDueJobs();
            return RunOutcome.ok("late success that must not reset the errors");
        });

        a.hourglass.runDueJobs();

        TaskRequest cut = a.runner.requests().get(2);
        TaskRequest again = b.runner.requests().get(0);
        assertThat(again.runId()).isEqualTo(cut.runId());
        assertThat(again.attempt()).isEqualTo(cut.attempt()).isEqualTo(3);
        assertThat(again.plannedAt()).isEqualTo(cut.plannedAt());
        Job after = a.get(job.id());
        assertThat(after.consecutiveErrors()).as("two before, one by B's run; none for the cut, none for A's late one")
                .isEqualTo(3);
        assertThat(after.runCount()).isEqualTo(3);
        assertThat(after.lastRun().error()).isEqualTo("still broken");
    }

    @Test
    void the_same_owner_in_another_epoch_is_another_holding() {
        Job job = a.create("tick", ScheduleSpec.every(10_000));
        a.clock.advance(Duration.ofSeconds(10));
        AtomicReference<Job> takenBack = new AtomicReference<>();
        a.runner.answering(request -> {
            if (a.runner.requests().size() > 1) {
                return RunOutcome.ok("epoch 3");
            }
            a.clock.advance(pastTheLease);
            assertThat(b.hourglass.heartbeat()).as("B takes it over: epoch 2").isEqualTo(1);
            a.clock.advance(pastTheLease);
            assertThat(a.hourglass.heartbeat()).as("B went silent too; A, registered again, takes it back").isEqualTo(1);
            takenBack.set(a.store.find(job.id()).orElseThrow());
            return RunOutcome.ok("epoch 1");
        });

        a.hourglass.runDueJobs();

        assertThat(takenBack.get().claim().owner()).isEqualTo(a.hourglass.instanceId());
        assertThat(takenBack.get().claim().epoch()).isEqualTo(3);
        assertThat(a.get(job.id())).as("epoch 1's outcome is not epoch 3's").isEqualTo(takenBack.get());

        assertThat(a.hourglass.runDueJobs()).as("the run taken back fires again").isEqualTo(1);

        assertThat(a.runner.requests()).extracting(TaskRequest::runId).containsOnly(a.runner.requests().get(0).runId());
        assertThat(runs(job)).extracting(RunRecord::status, RunRecord::output).containsExactly(
                org.assertj.core.groups.Tuple.tuple(RunStatus.OK, "epoch 3"),
                org.assertj.core.groups.Tuple.tuple(RunStatus.SUPERSEDED, "epoch 1"),
                org.assertj.core.groups.Tuple.tuple(RunStatus.INTERRUPTED, null),
                org.assertj.core.groups.Tuple.tuple(RunStatus.INTERRUPTED, null));
        assertThat(a.get(job.id()).runCount()).isEqualTo(1);
        assertThat(a.get(job.id()).claim()).isNull();
    }

    @Test
    void an_instance_starting_while_another_is_alive_takes_over_none_of_its_claims() {
        Job job = a.create("tick", ScheduleSpec.every(10_000));
        a.clock.advance(Duration.ofSeconds(10));
        a.runner.answering(request -> {
            a.clock.advance(Duration.ofSeconds(5));
            TestScheduler c = a.restarted();
            c.hourglass.recover();
            assertThat(c.hourglass.heartbeat()).isZero();
            assertThat(c.hourglass.runDueJobs()).isZero();
            return RunOutcome.ok("mine");
        });

        a.hourglass.runDueJobs();

        assertThat(runs(job)).extracting(RunRecord::status).containsExactly(RunStatus.OK);
        assertThat(a.get(job.id()).runCount()).isEqualTo(1);
    }

    private List<RunRecord> runs(Job job) {
        return a.api.runs().runs(HistoryQuery.of(job.id(), null));
    }
}
