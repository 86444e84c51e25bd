package dev.hourglass.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.domain.Hourglass;
import dev.hourglass.domain.error.ErrorCode;
import dev.hourglass.domain.error.StoreUnavailableException;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.port.in.CreateJobCommand;
import dev.hourglass.domain.port.in.ManualRun;
import dev.hourglass.domain.port.in.RunJobNowCommand;
import dev.hourglass.domain.port.out.Applied;
import dev.hourglass.domain.port.out.JobWrite;
import dev.hourglass.domain.port.out.RunOutcome;
import dev.hourglass.domain.port.out.SchedulerStore;
import dev.hourglass.domain.schedule.ScheduleSpec;
import dev.hourglass.domain.testing.ForwardingStore;
import dev.hourglass.domain.testing.InMemoryStore;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CONTRACT §10.2: run now goes through the instance's worker pool and answers what was stored. */
class ManualRunThreadsTest {

    private static final long GIVE_UP_SECONDS = 20;

    private final InMemoryStore memory = new InMemoryStore();
    private final AtomicBoolean refusing = new AtomicBoolean();
    private final SchedulerStore store = new RefusingOutcomes(memory, refusing);
    private Hourglass hourglass;

    @AfterEach
    void stop() {
        refusing.set(false);
        if (hourglass != null) {
            hourglass.close();
        }
    }

    @Test
    void a_manual_run_through_a_started_engine_runs_on_a_worker_thread() {
        AtomicReference<String> thread = new AtomicReference<>();
        start(request -> {
            thread.set(Thread.currentThread().getName());
            return RunOutcome.ok("ran on " + Thread.currentThread().getName());
        });
        Job job = create("hourly");

        ManualRun run = hourglass.useCases().runNow().runNow(new RunJobNowCommand(job.id(), "user"));

        assertThat(thread.get()).startsWith("hourglass-worker-");
        assertThat(thread.get()).isNotEqualTo(Thread.currentThread().getName());
        assertThat(run.result()).startsWith("ran on hourglass-worker-");
        assertThat(run.job()).hasValueSatisfying(after -> {
            assertThat(after.runCount()).isEqualTo(1);
            assertThat(after.claim()).isNull();
        });
    }

    @Test
    void a_store_that_refuses_to_record_the_outcome_answers_store_unavailable_and_the_outcome_is_stored_later() {
        start(request -> RunOutcome.ok("done"));
        Job job = create("hourly");
        refusing.set(true);

        assertThatThrownBy(() -> hourglass.useCases().runNow().runNow(new RunJobNowCommand(job.id(), "user")))
                .isInstanceOfSatisfying(StoreUnavailableException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
        assertThat(memory.find(job.id()).orElseThrow().claim()).as("stays claimed until recorded").isNotNull();

        refusing.set(false);
        Instant giveUp = Instant.now().plusSeconds(GIVE_UP_SECONDS);
        while (memory.find(job.id()).orElseThrow().runCount() == 0 && Instant.now().isBefore(giveUp)) {
            Thread.onSpinWait();
        }
        Job after = memory.find(job.id()).orElseThrow();
        assertThat(after.runCount()).as("the committer kept trying").isEqualTo(1);
        assertThat(after.claim()).isNull();
    }

    @Test
    void a_store_that_refuses_to_record_answers_store_unavailable_without_threads_too() {
        hourglass = Hourglass.builder(store).runner(request -> RunOutcome.ok("done")).build();
        Job job = create("hourly");
        refusing.set(true);

        assertThatThrownBy(() -> hourglass.useCases().runNow().runNow(new RunJobNowCommand(job.id(), "user")))
                .isInstanceOf(StoreUnavailableException.class);
    }

    private void start(dev.hourglass.domain.port.out.TaskRunner runner) {
        hourglass = Hourglass.builder(store).runner(runner).build();
        hourglass.start();
    }

    private Job create(String name) {
        return hourglass.useCases().create().create(CreateJobCommand.of(name, ScheduleSpec.every(3_600_000), "task"));
    }

    /** The in-memory store, except that while told to it refuses every write carrying a run's outcome. */
    private static final class RefusingOutcomes extends ForwardingStore {

        private final AtomicBoolean refusing;

        RefusingOutcomes(SchedulerStore delegate, AtomicBoolean refusing) {
            super(delegate);
            this.refusing = refusing;
        }

        @Override
        public Applied apply(List<? extends JobWrite> writes) {
            boolean outcome = writes.stream().anyMatch(w -> w instanceof JobWrite.Save save && save.run() != null);
            if (refusing.get() && outcome) {
                throw new StoreUnavailableException("test: the store refuses outcomes");
            }
            return super.apply(writes);
        }
    }
}
