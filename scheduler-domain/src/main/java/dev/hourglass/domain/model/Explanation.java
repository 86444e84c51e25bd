package dev.hourglass.domain.model;

import dev.hourglass.domain.schedule.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Why a job will or will not fire next (CONTRACT §12.3), in plain sentences: a pure function of the
 * job, the clock and what the engine can tell about it ({@link EngineView}). The first reason is the
 * one that decides; the summary is its sentence. More reasons follow where they add to it (a
 * backing-off job that is also stale, a running job's next plan).
 *
 * @param firesNextAt the planned next fire, or null when nothing is planned or a run decides it
 */
public record Explanation(JobId jobId, JobStatus status, Instant firesNextAt, String summary, List<Reason> reasons) {

    /** A due job not claimed for longer than this is waiting for a worker, not just being dispatched. */
    public static final Duration DISPATCH_MOMENT = Duration.ofSeconds(1);

    public Explanation {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(summary, "summary");
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("an explanation has at least one reason");
        }
    }

    /** The reasons a job can have; {@link #wireName()} is the API's {@code code}. */
    public enum Code {
        SCHEDULED, PAUSED, FAILED, DISABLED, BACKING_OFF, RUNNING, WAITING_FOR_WORKER, COMPLETED, NO_FUTURE_FIRE,
        STALE, DEPENDENCY_OPEN;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One reason: a sentence, and the instants it holds between (either may be null). */
    public record Reason(Code code, String message, Instant since, Instant until) {

        public Reason {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * What the engine and the audit know beyond the job itself.
     *
     * @param lastPause    the newest {@code pause} audit entry of the job, or null
     * @param runningOn    the name of the instance holding the job's claim, or null when unknown
     * @param dependency   the job's dependency while it holds the job (open or half-open), or null
     */
    public record EngineView(AuditEntry lastPause, String runningOn, Dependency dependency) {

        public static final EngineView NONE = new EngineView(null, null, null);

        public EngineView(AuditEntry lastPause, String runningOn) {
            this(lastPause, runningOn, null);
        }
    }

    public static Explanation of(Job job, Instant now, EngineView view) {
        List<Reason> reasons = new ArrayList<>();
        switch (job.status()) {
            case COMPLETED -> reasons.add(new Reason(Code.COMPLETED, "It completed at " + job.updatedAt()
                    + " and never fires again; create a new job to run it again.", job.updatedAt(), null));
            case FAILED -> reasons.add(failed(job));
            case PAUSED -> reasons.add(paused(job, view.lastPause()));
            case ACTIVE -> active(job, now, view, reasons);
        }
        if (job.isStale()) {
            reasons.add(new Reason(Code.STALE, "It is stale: no successful run since "
                    + (job.lastSuccessAt() == null ? "its creation at " + job.createdAt() : job.lastSuccessAt())
                    + ", and one was expected within " + window(job.expectSuccessWithinMs()) + ".",
                    job.staleSince(), null));
        }
        Instant firesNextAt = job.isRunning() ? null : job.nextRunAt();
        return new Explanation(job.id(), job.status(), firesNextAt, reasons.get(0).message(), reasons);
    }

    private static void active(Job job, Instant now, EngineView view, List<Reason> reasons) {
        Claim claim = job.claim();
        if (claim != null) {
            String on = view.runningOn() != null ? view.runningOn() : claim.owner().value();
            reasons.add(new Reason(Code.RUNNING, "It is running since " + claim.claimedAt() + " on instance " + on
                    + (claim.isManual() ? " (run now)" : "") + "; its next fire is planned when the run ends.",
                    claim.claimedAt(), null));
            return;
        }
        if (!job.enabled()) {
            reasons.add(new Reason(Code.DISABLED, "It is disabled, so it never fires; enable it to put it back on "
                    + "its schedule.", job.updatedAt(), null));
            return;
        }
        Instant next = job.nextRunAt();
        if (view.dependency() != null && job.heldByDependency()) {
            reasons.add(held(job, view.dependency()));
            if (next == null) {
                return;
            }
        }
        if (next == null) {
            reasons.add(new Reason(Code.NO_FUTURE_FIRE, "Its schedule (" + job.schedule().describe()
                    + ") has no future fire.", null, null));
            return;
        }
        boolean waiting = !next.plus(DISPATCH_MOMENT).isAfter(now) && !job.heldByDependency();
        if (waiting) {
            reasons.add(new Reason(Code.WAITING_FOR_WORKER, "It has been due since " + next
                    + " and is waiting for a free worker.", next, null));
        }
        if (job.consecutiveErrors() > 0) {
            reasons.add(new Reason(Code.BACKING_OFF, "It is backing off after " + errors(job.consecutiveErrors())
                    + " and retries at " + next + "; last error: " + lastError(job) + ".", job.updatedAt(), next));
        } else if (!waiting) {
            String when = next.isAfter(now) ? "It fires next at " + next : "It is due at " + next + " and fires now";
            reasons.add(new Reason(Code.SCHEDULED, when + " (" + job.schedule().describe() + ").", null, next));
        }
    }

    /** Held by its dependency (CONTRACT §11.1): which, since when, until when, and what releases it. */
    private static Reason held(Job job, Dependency dependency) {
        String state = dependency.state() == DependencyState.OPEN
                ? "open since " + dependency.openedAt() + " until " + dependency.openUntil()
                : "half-open since " + dependency.openedAt() + ", waiting for a probe run of one of its jobs";
        String due = job.nextRunAt() == null ? "" : "; its fire planned for " + job.nextRunAt() + " waits";
        return new Reason(Code.DEPENDENCY_OPEN, "It is held: its dependency " + dependency.name() + " is " + state
                + " (" + dependency.cause() + ")" + due + " and is released when the dependency closes.",
                dependency.openedAt(), dependency.openUntil());
    }

    private static Reason failed(Job job) {
        String forceResume = "a force resume (POST .../" + job.id() + "/resume with {\"force\": true})";
        String revival = job.nextProbeAt() == null
                ? "It stays failed until an operator revives it with " + forceResume + "."
                : "It stays failed until its next automatic probe at " + job.nextProbeAt()
                        + " succeeds, or an operator revives it with " + forceResume + ".";
        return new Reason(Code.FAILED, "It failed at " + job.updatedAt() + " after " + errors(job.consecutiveErrors())
                + "; last error: " + lastError(job) + ". " + revival, job.updatedAt(), job.nextProbeAt());
    }

    private static Reason paused(Job job, AuditEntry pause) {
        StringBuilder message = new StringBuilder("It is paused");
        Instant since = job.updatedAt();
        if (pause != null) {
            since = pause.createdAt();
            message.append(" since ").append(pause.createdAt()).append(" by ").append(pause.actor());
            if (pause.detail() != null) {
                message.append(" (").append(pause.detail()).append(")");
            }
        }
        message.append(job.pausedUntil() != null ? " and resumes by itself at " + job.pausedUntil() + "."
                : " until an operator resumes it.");
        return new Reason(Code.PAUSED, message.toString(), since, job.pausedUntil());
    }

    /** "1 hour", "90 minutes": the describer leaves out a lone 1 ("every hour"). */
    private static String window(long ms) {
        String described = Durations.describe(ms);
        return Character.isDigit(described.charAt(0)) ? described : "1 " + described;
    }

    private static String errors(int count) {
        return count == 1 ? "1 consecutive error" : count + " consecutive errors";
    }

    private static String lastError(Job job) {
        return job.lastError() == null ? "none recorded" : job.lastError();
    }
}
