package dev.hourglass.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.RunId;
import dev.hourglass.domain.model.RunRecord;
import dev.hourglass.domain.model.RunStatus;
import dev.hourglass.domain.port.in.HistoryQuery;
import dev.hourglass.domain.port.out.RunOutcome;
import dev.hourglass.domain.port.out.TaskRequest;
import dev.hourglass.domain.schedule.ScheduleSpec;
import dev.hourglass.domain.testing.TestScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** CONTRACT §5: a JVM failing under a task is not the job's fault; the service stops instead. */
class FatalErrorTest {

    private final List<VirtualMachineError> fatal = new CopyOnWriteArrayList<>();
    private final TestScheduler scheduler = new TestScheduler(builder -> builder.onFatalError(fatal::add));

    @Test
    void a_virtual_machine_error_records_the_run_interrupted_counts_no_error_and_calls_the_handler() {
        Job job = scheduler.create("greedy", ScheduleSpec.every(10_000));
        OutOfMemoryError oom = new OutOfMemoryError("test: Java heap space");
        scheduler.runner.answering(request -> {
            throw oom;
        });
        scheduler.clock.advance(Duration.ofSeconds(10));

        assertThatThrownBy(scheduler.hourglass::runDueJobs).isSameAs(oom);

        assertThat(fatal).containsExactly(oom);
        Job after = scheduler.get(job.id());
        assertThat(after.lastRun().status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(after.consecutiveErrors()).isZero();
        assertThat(after.runCount()).isZero();
        assertThat(after.status()).isEqualTo(dev.hourglass.domain.model.JobStatus.ACTIVE);
        assertThat(after.claim()).as("kept, to fire again after a restart").isNotNull();
        assertThat(after.claim().runId()).isEqualTo(scheduler.runner.requests().get(0).runId());
        assertThat(runs(scheduler, job)).extracting(RunRecord::status).containsExactly(RunStatus.INTERRUPTED);
    }

    @Test
    void a_new_engine_on_the_same_store_fires_the_run_again_with_the_same_run_id() {
        Job job = scheduler.create("greedy", ScheduleSpec.every(10_000));
        scheduler.runner.answering(request -> {
            throw new StackOverflowError("test: too deep");
        });
        scheduler.clock.advance(Duration.ofSeconds(10));
        assertThatThrownBy(scheduler.hourglass::runDueJobs).isInstanceOf(StackOverflowError.class);
        RunId cut = scheduler.runner.requests().get(0).runId();

        scheduler.clock.advance(EngineSettings.DEFAULT.lease().plusSeconds(1));
        TestScheduler restarted = scheduler.restarted();
        restarted.hourglass.recover();
        assertThat(restarted.hourglass.runDueJobs()).isEqualTo(1);

        TaskRequest again = restarted.runner.requests().get(0);
        assertThat(again.runId()).isEqualTo(cut);
        assertThat(again.attempt()).isEqualTo(1);
        Job after = restarted.get(job.id());
        assertThat(after.runCount()).isEqualTo(1);
        assertThat(after.consecutiveErrors()).isZero();
        assertThat(after.claim()).isNull();
        assertThat(runs(restarted, job)).extracting(RunRecord::status, RunRecord::runId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(RunStatus.OK, cut),
                org.assertj.core.groups.Tuple.tuple(RunStatus.INTERRUPTED, cut));
    }

    @Test
    void other_jobs_of_the_same_batch_are_not_charged_an_error_either() {
        Job first = scheduler.create("first", ScheduleSpec.at("2026-11-28T10:00:01Z"));
        Job second = scheduler.create("second", ScheduleSpec.at("2026-11-28T10:00:02Z"));
        scheduler.runner.answering(request -> {
            if (request.jobName().equals("second")) {
                throw new OutOfMemoryError("test");
            }
            return RunOutcome.ok("fine");
        });
        scheduler.clock.advance(Duration.ofSeconds(5));

        assertThatThrownBy(scheduler.hourglass::runDueJobs).isInstanceOf(OutOfMemoryError.class);

        assertThat(scheduler.get(first.id()).status()).as("the run before it was recorded")
                .isEqualTo(dev.hourglass.domain.model.JobStatus.COMPLETED);
        assertThat(scheduler.get(second.id()).consecutiveErrors()).isZero();
        assertThat(scheduler.get(second.id()).lastRun().status()).isEqualTo(RunStatus.INTERRUPTED);
    }

    private static List<RunRecord> runs(TestScheduler scheduler, Job job) {
        return scheduler.api.runs().runs(HistoryQuery.of(job.id(), null));
    }
}
