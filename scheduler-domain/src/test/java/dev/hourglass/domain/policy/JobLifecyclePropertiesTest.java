package dev.hourglass.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.domain.error.HourglassException;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.port.in.DeleteJobCommand;
import dev.hourglass.domain.port.in.PauseJobCommand;
import dev.hourglass.domain.port.in.ResumeJobCommand;
import dev.hourglass.domain.port.in.RunJobNowCommand;
import dev.hourglass.domain.schedule.ScheduleSpec;
import dev.hourglass.domain.testing.TestScheduler;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random operator actions and run outcomes, through the real use cases and engine, never break the
 * promises of the state machine.
 */
class JobLifecyclePropertiesTest {

    enum Step { PAUSE, RESUME, FORCE_RESUME, RUN_NOW_OK, RUN_NOW_ERROR, FIRE_DUE_OK, FIRE_DUE_ERROR, DELETE }

    @Property(tries = 400)
    void the_state_machine_holds_under_any_sequence(@ForAll("steps") List<Step> steps, @ForAll boolean oneShot) {
        TestScheduler scheduler = new TestScheduler(builder -> builder.maxConsecutiveErrors(4));
        ScheduleSpec schedule = oneShot ? ScheduleSpec.at("2026-11-28T11:00:00Z") : ScheduleSpec.every(60_000);
        JobId id = scheduler.create("job", schedule).id();
        Job before = scheduler.get(id);

        for (Step step : steps) {
            perform(scheduler, id, step);
            Optional<Job> found = scheduler.store.find(id);
            if (found.isEmpty()) {
                assertThat(step).as("only a delete removes a job here").isEqualTo(Step.DELETE);
                break;
            }
            Job after = found.get();
            if (before.status() == JobStatus.FAILED && after.status() == JobStatus.ACTIVE) {
                assertThat(step).as("a failed job reaches active only by force").isEqualTo(Step.FORCE_RESUME);
            }
            if (before.status() == JobStatus.COMPLETED) {
                assertThat(after.status()).as("completed is final").isEqualTo(JobStatus.COMPLETED);
            }
            assertThat(after.nextRunAt() == null)
                    .as("nextRunAt is null exactly when the job cannot fire: %s", after)
                    .isEqualTo(after.status() != JobStatus.ACTIVE);
            assertThat(after.consecutiveErrors()).isNotNegative();
            assertThat(after.runCount()).isGreaterThanOrEqualTo(before.runCount());
            assertThat(after.version()).isGreaterThanOrEqualTo(before.version());
            assertThat(after.claim()).isNull();
            before = after;
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Arbitraries.of(Step.class).list().ofMaxSize(40);
    }

    private static void perform(TestScheduler scheduler, JobId id, Step step) {
        try {
            switch (step) {
                case PAUSE -> scheduler.api.pause().pause(new PauseJobCommand(id, null, null));
                case RESUME -> scheduler.api.resume().resume(new ResumeJobCommand(id, false, null, null));
                case FORCE_RESUME -> scheduler.api.resume().resume(new ResumeJobCommand(id, true, "property", null));
                case RUN_NOW_OK -> {
                    scheduler.runner.succeeding();
                    scheduler.api.runNow().runNow(new RunJobNowCommand(id, null));
                }
                case RUN_NOW_ERROR -> {
                    scheduler.runner.failingWith("boom");
                    scheduler.api.runNow().runNow(new RunJobNowCommand(id, null));
                }
                case FIRE_DUE_OK -> {
                    scheduler.runner.succeeding();
                    fireDue(scheduler);
                }
                case FIRE_DUE_ERROR -> {
                    scheduler.runner.failingWith("boom");
                    fireDue(scheduler);
                }
                case DELETE -> scheduler.api.delete().delete(new DeleteJobCommand(id, null));
            }
        } catch (HourglassException refused) {
            // Refusals are part of the machine; the invariants are checked on what is stored.
        }
    }

    private static void fireDue(TestScheduler scheduler) {
        scheduler.clock.advance(Duration.ofHours(2));
        scheduler.hourglass.runDueJobs();
    }
}
