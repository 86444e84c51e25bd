package dev.hourglass.domain.engine;

import dev.hourglass.domain.model.Actor;
import dev.hourglass.domain.model.Alert;
import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.policy.Deadline;
import dev.hourglass.domain.policy.Lifecycle;
import dev.hourglass.domain.policy.Verdict;
import dev.hourglass.domain.port.out.JobWrite;
import dev.hourglass.domain.port.out.SchedulerStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The instants the engine watches besides fires: the end of a timed pause (the job resumes, audited
 * {@code resume} by the scheduler) and the staleness deadline of a watched job (a stale episode
 * opens, with one {@code job_stale} alert in the same write). Each check is one read and one
 * version-checked write; a job an operator changed meanwhile is simply looked at again next time.
 */
final class Deadlines {

    private final SchedulerStore store;
    private final Supplier<String> ids;

    Deadlines(SchedulerStore store, Supplier<String> ids) {
        this.store = store;
        this.ids = ids;
    }

    /** What one check did. */
    record Checked(int resumed, int turnedStale) {

        boolean changedSchedule() {
            return resumed > 0;
        }
    }

    Checked check(Instant now) {
        return new Checked(resumeEndedPauses(now), openStaleEpisodes(now));
    }

    /** The earliest instant a check would find something to do, if any. */
    Optional<Instant> next() {
        Stream<Instant> pauseEnds = store.timedPauses().stream().map(Job::pausedUntil);
        Stream<Instant> staleAts = store.watched().stream().map(Job::staleAt).flatMap(Optional::stream);
        return Stream.concat(pauseEnds, staleAts).min(Instant::compareTo);
    }

    private int resumeEndedPauses(Instant now) {
        List<JobWrite> writes = new ArrayList<>();
        for (Job job : store.timedPauses()) {
            if (job.pausedUntil().isAfter(now)) {
                break;
            }
            Verdict verdict = Lifecycle.decide(job.status(), Deadline.PAUSE_ENDED);
            if (verdict instanceof Verdict.Enter enter && enter.status() == JobStatus.ACTIVE) {
                Job resumed = job.activate(now);
                AuditEntry entry = AuditEntry.of(ids.get(), job, AuditAction.RESUME, job.status(), resumed.status(),
                        Actor.SCHEDULER, endedPause(job), now);
                writes.add(JobWrite.save(job, resumed, List.of(entry)));
            }
        }
        return writes.isEmpty() ? 0 : store.apply(writes).count();
    }

    /** Names the pause that ended: its end, and who paused the job when and why, from its audit entry. */
    private String endedPause(Job job) {
        String ended = "the pause until " + job.pausedUntil() + " ended";
        return store.entriesFor(job.id(), 20).stream()
                .filter(entry -> entry.action() == AuditAction.PAUSE)
                .findFirst()
                .map(pause -> ended + " (paused by " + pause.actor() + " at " + pause.createdAt()
                        + (pause.detail() == null ? "" : "; " + pause.detail()) + ")")
                .orElse(ended);
    }

    private int openStaleEpisodes(Instant now) {
        List<JobWrite> writes = new ArrayList<>();
        for (Job job : store.watched()) {
            if (job.turnsStaleBy(now)) {
                Job stale = job.markStale(now);
                writes.add(JobWrite.save(job, stale, List.of()).alerting(Alert.jobStale(ids.get(), job, now)));
            }
        }
        return writes.isEmpty() ? 0 : store.apply(writes).count();
    }
}
