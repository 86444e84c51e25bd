package dev.hourglass.domain;

import dev.hourglass.domain.engine.Engine;
import dev.hourglass.domain.engine.EngineSettings;
import dev.hourglass.domain.engine.OutcomeRecorder;
import dev.hourglass.domain.engine.RunExecutor;
import dev.hourglass.domain.engine.Wakeup;
import dev.hourglass.domain.policy.BreakerSettings;
import dev.hourglass.domain.policy.OutcomePolicy;
import dev.hourglass.domain.port.in.UseCases;
import dev.hourglass.domain.port.out.AuditLog;
import dev.hourglass.domain.port.out.FailureNotifier;
import dev.hourglass.domain.port.out.JobStore;
import dev.hourglass.domain.port.out.RunHistory;
import dev.hourglass.domain.port.out.TaskRunner;
import dev.hourglass.domain.service.JobCommandService;
import dev.hourglass.domain.service.JobQueryService;
import dev.hourglass.domain.service.RunJobNowService;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Hourglass embedded in an application: a store, a task runner, and everything else defaulted.
 *
 * <pre>{@code
 * try (Hourglass hourglass = Hourglass.builder(store).runner(myRunner).build()) {
 *     hourglass.start();
 *     hourglass.useCases().create().create(CreateJobCommand.of("report", ScheduleSpec.cron("0 9 * * 1-5", null), "send"));
 * }
 * }</pre>
 *
 * Tests pass a {@link dev.hourglass.domain.testing.ManualClock}, skip {@link #start()} and call
 * {@link #runDueJobs()} after moving the clock.
 */
public final class Hourglass implements AutoCloseable {

    private final UseCases useCases;
    private final Engine engine;

    private Hourglass(UseCases useCases, Engine engine) {
        this.useCases = useCases;
        this.engine = engine;
    }

    /** A builder over one store that keeps jobs, audit entries and run history. */
    public static <S extends JobStore & AuditLog & RunHistory> Builder builder(S store) {
        return new Builder(store, store, store);
    }

    public static Builder builder(JobStore jobs, AuditLog auditLog, RunHistory runHistory) {
        return new Builder(jobs, auditLog, runHistory);
    }

    public UseCases useCases() {
        return useCases;
    }

    /** Recovers from the previous stop and starts firing on background threads. */
    public void start() {
        engine.start();
    }

    /** Recovers from the previous stop without starting threads; see {@link Engine#recover()}. */
    public void recover() {
        engine.recover();
    }

    /** Fires everything due by the clock's instant, in the calling thread; returns how many runs fired. */
    public int runDueJobs() {
        return engine.runDueJobs();
    }

    /** Stops firing and waits up to the shutdown grace for running tasks. Does not close the store. */
    @Override
    public void close() {
        engine.close();
    }

    public static final class Builder {

        private final JobStore jobs;
        private final AuditLog auditLog;
        private final RunHistory runHistory;
        private Clock clock = Clock.systemUTC();
        private Supplier<String> ids = new RandomIds();
        private TaskRunner runner;
        private FailureNotifier notifier = FailureNotifier.NONE;
        private ZoneId defaultZone = ZoneId.systemDefault();
        private int maxJobs = 1000;
        private BreakerSettings breaker = BreakerSettings.DEFAULT;
        private EngineSettings engineSettings = EngineSettings.DEFAULT;

        private Builder(JobStore jobs, AuditLog auditLog, RunHistory runHistory) {
            this.jobs = Objects.requireNonNull(jobs, "jobs");
            this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
            this.runHistory = Objects.requireNonNull(runHistory, "runHistory");
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public Builder ids(Supplier<String> value) {
            this.ids = Objects.requireNonNull(value, "ids");
            return this;
        }

        public Builder runner(TaskRunner value) {
            this.runner = Objects.requireNonNull(value, "runner");
            return this;
        }

        public Builder failureNotifier(FailureNotifier value) {
            this.notifier = Objects.requireNonNull(value, "notifier");
            return this;
        }

        /** The zone of cron schedules that name none; default the JVM's zone. */
        public Builder defaultZone(ZoneId value) {
            this.defaultZone = Objects.requireNonNull(value, "defaultZone");
            return this;
        }

        public Builder maxJobs(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxJobs must be at least 1");
            }
            this.maxJobs = value;
            return this;
        }

        public Builder maxConsecutiveErrors(int value) {
            this.breaker = breaker.withMaxConsecutiveErrors(value);
            return this;
        }

        public Builder workers(int value) {
            this.engineSettings = engineSettings.withWorkers(value);
            return this;
        }

        public Builder shutdownGrace(Duration value) {
            this.engineSettings = engineSettings.withShutdownGrace(value);
            return this;
        }

        public Builder engineSettings(EngineSettings value) {
            this.engineSettings = Objects.requireNonNull(value, "engineSettings");
            return this;
        }

        public Hourglass build() {
            if (runner == null) {
                throw new IllegalStateException("a task runner is required: Hourglass.builder(store).runner(...)");
            }
            Wakeup wakeup = new Wakeup();
            OutcomePolicy policy = new OutcomePolicy(breaker, ids);
            RunExecutor executor = new RunExecutor(runner, clock);
            OutcomeRecorder recorder = new OutcomeRecorder(jobs, policy, clock, notifier, wakeup::raise);
            Engine engine = new Engine(jobs, executor, recorder, policy, clock, ids, engineSettings, wakeup);
            JobCommandService commands = new JobCommandService(jobs, clock, ids, defaultZone, maxJobs, wakeup::raise);
            JobQueryService queries = new JobQueryService(jobs, auditLog, runHistory, clock, defaultZone);
            RunJobNowService runNow = new RunJobNowService(jobs, executor, recorder, clock, ids);
            UseCases useCases = new UseCases(commands, queries, queries, queries, commands, commands, runNow, commands,
                    queries, queries, queries);
            return new Hourglass(useCases, engine);
        }
    }
}
