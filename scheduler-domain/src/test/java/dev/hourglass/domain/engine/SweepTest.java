package dev.hourglass.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.port.in.PauseJobCommand;
import dev.hourglass.domain.port.in.ResumeJobCommand;
import dev.hourglass.domain.schedule.ScheduleSpec;
import dev.hourglass.domain.testing.TestScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The start-up sweep: old terminal jobs and audit past its retention go, never on a clock that is behind. */
class SweepTest {

    private final TestScheduler scheduler = new TestScheduler();

    @Test
    void audit_retention_keeps_the_newest_hundred_entries_of_each_job() {
        Job busy = scheduler.create("busy", ScheduleSpec.every(3_600_000));
        Job quiet = scheduler.create("quiet", ScheduleSpec.every(3_600_000));
        toggle(busy.id(), 75);
        toggle(quiet.id(), 2);
        List<AuditEntry> newestOfBusy = scheduler.store.entriesFor(busy.id(), 100);
        scheduler.clock.advance(Duration.ofDays(91));

        scheduler.restarted().hourglass.recover();

        assertThat(scheduler.store.entriesFor(busy.id(), 1_000)).as("151 entries, all past 90 days: the newest 100")
                .containsExactlyElementsOf(newestOfBusy);
        assertThat(scheduler.store.entriesFor(quiet.id(), 1_000)).hasSize(5);
    }

    @Test
    void audit_entries_within_the_retention_all_stay() {
        Job job = scheduler.create("busy", ScheduleSpec.every(3_600_000));
        toggle(job.id(), 15);
        scheduler.clock.advance(Duration.ofDays(60));
        toggle(job.id(), 60);
        scheduler.clock.advance(Duration.ofDays(31));

        scheduler.restarted().hourglass.recover();

        assertThat(scheduler.store.entriesFor(job.id(), 1_000)).as("the 120 recent ones; the 31 old ones went")
                .hasSize(120);
    }

    @Test
    void the_sweep_does_nothing_when_the_clock_reads_before_the_newest_update() {
        Job done = scheduler.create("done", ScheduleSpec.at("2026-11-28T10:00:01Z"));
        Job other = scheduler.create("other", ScheduleSpec.every(3_600_000));
        scheduler.clock.advance(Duration.ofSeconds(1));
        scheduler.hourglass.runDueJobs();
        Instant start = scheduler.clock.instant();
        scheduler.clock.set(start.plus(Duration.ofDays(40)));
        scheduler.api.pause().pause(new PauseJobCommand(other.id(), null, "user"));
        int auditBefore = scheduler.store.entriesFor(done.id(), 100).size();

        scheduler.clock.set(start.plus(Duration.ofDays(35)));
        scheduler.restarted(builder -> builder.engineSettings(
                EngineSettings.DEFAULT.withAuditRetention(Duration.ofDays(1)))).hourglass.recover();

        assertThat(scheduler.store.find(done.id())).as("35 days by a clock that is behind: kept").isPresent();
        assertThat(scheduler.store.entriesFor(done.id(), 100)).hasSize(auditBefore);

        scheduler.clock.set(start.plus(Duration.ofDays(41)));
        scheduler.restarted().hourglass.recover();

        assertThat(scheduler.store.find(done.id())).as("a clock past the newest update sweeps").isEmpty();
    }

    /** Pauses and resumes the job {@code times} times: two audit entries each, a second apart. */
    private void toggle(JobId id, int times) {
        for (int i = 0; i < times; i++) {
            scheduler.clock.advance(Duration.ofSeconds(1));
            scheduler.api.pause().pause(new PauseJobCommand(id, null, "user"));
            scheduler.clock.advance(Duration.ofSeconds(1));
            scheduler.api.resume().resume(new ResumeJobCommand(id, false, null, "user"));
        }
    }
}
