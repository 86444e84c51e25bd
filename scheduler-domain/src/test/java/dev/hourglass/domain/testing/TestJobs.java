package dev.hourglass.domain.testing;

import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Claim;
import dev.hourglass.domain.model.InstanceId;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.model.LastRun;
import dev.hourglass.domain.model.PendingProbe;
import dev.hourglass.domain.model.Probe;
import dev.hourglass.domain.model.RunId;
import dev.hourglass.domain.model.RunRecord;
import dev.hourglass.domain.model.RunStatus;
import dev.hourglass.domain.schedule.Every;
import dev.hourglass.domain.schedule.Schedule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Test data for the store ports: jobs built field by field, audit entries and run records. */
public final class TestJobs {

    /** A fixed instant with milliseconds, the precision the stores keep. */
    public static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");

    /** The instance that owns the claims and runs these fixtures make, unless a test names another. */
    public static final InstanceId OWNER = new InstanceId("instance-under-test");

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private TestJobs() {
    }

    /**
     * An active, enabled {@code every 60 s} job named {@code name} on a grid through {@code T0} (as
     * create would anchor it), version 1, due at {@code T0 + 60 s}.
     */
    public static Builder job(String name) {
        return new Builder(name);
    }

    /** A stable id derived from the name, so a test can rebuild the same job. */
    public static JobId idFor(String name) {
        return new JobId(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString());
    }

    public static String nextId(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet();
    }

    public static AuditEntry entry(Job job, AuditAction action, JobStatus before, JobStatus after, Instant at) {
        return AuditEntry.of(nextId("audit"), job, action, before, after, "user", null, at);
    }

    public static AuditEntry created(Job job) {
        return entry(job, AuditAction.CREATE, null, job.status(), job.createdAt());
    }

    public static RunRecord run(Job job, RunStatus status, Instant startedAt) {
        return new RunRecord(new RunId(nextId("run")), job.id(), startedAt, startedAt, 42, status,
                status == RunStatus.OK ? null : "boom", status == RunStatus.OK ? "done" : null, OWNER);
    }

    /** A fresh claim by {@link #OWNER}, epoch 1. */
    public static Claim claim(Instant plannedAt, Instant claimedAt, long version) {
        return claim(plannedAt, claimedAt, version, OWNER);
    }

    /** A fresh claim by {@code owner}, epoch 1. */
    public static Claim claim(Instant plannedAt, Instant claimedAt, long version, InstanceId owner) {
        return Claim.of(new RunId(nextId("run")), plannedAt, claimedAt, version, owner);
    }

    public static final class Builder {
        private JobId id;
        private String name;
        private String description = "a test job";
        private boolean enabled = true;
        private Schedule schedule = new Every(60_000, T0);
        private String task = "echo hello";
        private JobStatus status = JobStatus.ACTIVE;
        private LastRun lastRun;
        private Instant nextRunAt = T0.plusSeconds(60);
        private long runCount;
        private int consecutiveErrors;
        private boolean deleteAfterRun;
        private Instant createdAt = T0;
        private Instant updatedAt = T0;
        private String createdBy = "user";
        private long version = 1;
        private Claim claim;
        private long revision = 1;
        private Instant pausedUntil;
        private Long expectSuccessWithinMs;
        private Instant lastSuccessAt;
        private Instant staleSince;
        private String dependency;
        private Probe probe;
        private PendingProbe pendingProbe;

        private Builder(String name) {
            this.name = name;
            this.id = idFor(name);
        }

        public Builder id(JobId value) {
            id = value;
            return this;
        }

        public Builder description(String value) {
            description = value;
            return this;
        }

        public Builder schedule(Schedule value) {
            schedule = value;
            return this;
        }

        public Builder task(String value) {
            task = value;
            return this;
        }

        /** A status other than active also clears the next run, as the domain requires. */
        public Builder status(JobStatus value) {
            status = value;
            if (value != JobStatus.ACTIVE) {
                nextRunAt = null;
            }
            return this;
        }

        public Builder disabled() {
            enabled = false;
            nextRunAt = null;
            return this;
        }

        public Builder lastRun(LastRun value) {
            lastRun = value;
            return this;
        }

        public Builder nextRunAt(Instant value) {
            nextRunAt = value;
            return this;
        }

        public Builder runCount(long value) {
            runCount = value;
            return this;
        }

        public Builder consecutiveErrors(int value) {
            consecutiveErrors = value;
            return this;
        }

        public Builder deleteAfterRun(boolean value) {
            deleteAfterRun = value;
            return this;
        }

        public Builder createdAt(Instant value) {
            createdAt = value;
            updatedAt = value;
            return this;
        }

        public Builder updatedAt(Instant value) {
            updatedAt = value;
            return this;
        }

        public Builder createdBy(String value) {
            createdBy = value;
            return this;
        }

        public Builder version(long value) {
            version = value;
            return this;
        }

        public Builder claim(Claim value) {
            claim = value;
            return this;
        }

        public Builder revision(long value) {
            revision = value;
            return this;
        }

        /** Paused until {@code value}; also sets the status to paused. */
        public Builder pausedUntil(Instant value) {
            status(JobStatus.PAUSED);
            pausedUntil = value;
            return this;
        }

        public Builder expectSuccessWithinMs(Long value) {
            expectSuccessWithinMs = value;
            return this;
        }

        public Builder lastSuccessAt(Instant value) {
            lastSuccessAt = value;
            return this;
        }

        public Builder staleSince(Instant value) {
            staleSince = value;
            return this;
        }

        public Builder dependency(String value) {
            dependency = value;
            return this;
        }

        public Builder probe(Probe value) {
            probe = value;
            return this;
        }

        /** A probe pending at {@code at} after a wait of {@code waited}; the job must be failed and probe. */
        public Builder pendingProbe(Instant at, Duration waited) {
            pendingProbe = new PendingProbe(at, waited);
            return this;
        }

        public Job build() {
            return new Job(id, name, description, enabled, schedule, task, status, lastRun, nextRunAt, runCount,
                    consecutiveErrors, deleteAfterRun, createdAt, updatedAt, createdBy, version, claim, revision,
                    pausedUntil, expectSuccessWithinMs, lastSuccessAt, staleSince, dependency, probe, pendingProbe);
        }
    }
}
