package dev.hourglass.domain;

import dev.hourglass.domain.engine.Engine;
import dev.hourglass.domain.engine.EngineSettings;
import dev.hourglass.domain.engine.RunExecutor;
import dev.hourglass.domain.engine.Wakeup;
import dev.hourglass.domain.model.InstanceId;
import dev.hourglass.domain.policy.BreakerSettings;
import dev.hourglass.domain.policy.DependencyPolicy;
import dev.hourglass.domain.policy.DependencySettings;
import dev.hourglass.domain.policy.OutcomePolicy;
import dev.hourglass.domain.port.in.UseCases;
import dev.hourglass.domain.model.Actor;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.port.out.AlertSender;
import dev.hourglass.domain.port.out.ScheduleChanges;
import dev.hourglass.domain.port.out.Metrics;
import dev.hourglass.domain.port.out.Readings;
import dev.hourglass.domain.port.out.SchedulerStore;
import dev.hourglass.domain.port.out.Singletons;
import dev.hourglass.domain.port.out.TaskRunner;
import dev.hourglass.domain.service.ClusterService;
import dev.hourglass.domain.service.DependencyService;
import dev.hourglass.domain.service.HealthService;
import dev.hourglass.domain.service.JobCommandService;
import dev.hourglass.domain.service.JobQueryService;
import dev.hourglass.domain.service.RunJobNowService;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Hourglass embedded in an application: a store, a task runner, and everything else defaulted.
 *
 * <pre>{@code
 * try (Hourglass hourglass = Hourglass.builder(store).runner(myRunner).build()) {
 *     hourglass.start();
 *     hourglass.jobs().createIfAbsent("report", Schedules.cron("0 9 * * 1-5", ZoneId.of("Europe/Berlin")), "send");
 * }
 * }</pre>
 *
 * Tests pass a {@link dev.hourglass.domain.testing.ManualClock}, skip {@link #start()} and call
 * {@link #runDueJobs()} after moving the clock.
 */
public final class Hourglass implements AutoCloseable {

    private static final System.Logger ALERT_LOG = System.getLogger("dev.hourglass.alerts");

    /** Alerts go to the log at ERROR level unless the embedder says otherwise. */
    public static final AlertSender LOG_ALERTS = alert -> ALERT_LOG.log(Level.ERROR, "alert {0} about {1} ({2}): {3}",
            alert.kind().wireName(), alert.subjectName(), alert.subjectId(), alert.detail());

    private final UseCases useCases;
    private final Engine engine;

    private Hourglass(UseCases useCases, Engine engine) {
        this.useCases = useCases;
        this.engine = engine;
    }

    /** A builder over one store that keeps jobs, audit entries, run history, instances and alerts. */
    public static Builder builder(SchedulerStore store) {
        return new Builder(store);
    }

    public UseCases useCases() {
        return useCases;
    }

    /** The jobs, for Java callers: typed ids and schedules, changes audited as {@code user}. */
    public Jobs jobs() {
        return new Jobs(useCases, Actor.USER);
    }

    /** This process's instance in the store: a fresh id for every {@code Hourglass} built. */
    public InstanceId instanceId() {
        return engine.instanceId();
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

    /** One heartbeat in the calling thread (see {@link Engine#heartbeat()}); returns the runs taken over. */
    public int heartbeat() {
        return engine.heartbeat();
    }

    /** Delivers the alerts waiting in the outbox, in the calling thread; returns how many were delivered. */
    public int deliverAlerts() {
        return engine.deliverAlerts();
    }

    /** Stops firing and waits up to the shutdown grace for running tasks. Does not close the store. */
    @Override
    public void close() {
        engine.close();
    }

    /** The gauges of {@link Metrics#bind}, each one query of the store when scraped. */
    private record StoreReadings(SchedulerStore store) implements Readings {

        @Override
        public Map<JobStatus, Integer> jobsByStatus() {
            return store.countByStatus();
        }

        @Override
        public int alertsPending() {
            return store.alertBacklog().count();
        }

        @Override
        public Map<String, Integer> dependenciesByState() {
            Map<String, Integer> counts = new java.util.LinkedHashMap<>();
            for (dev.hourglass.domain.model.DependencyState state : dev.hourglass.domain.model.DependencyState.values()) {
                counts.put(state.wireName(), 0);
            }
            for (var dependency : dev.hourglass.domain.model.DependencyStatus.of(store.dependencyUsage(),
                    store.dependencies())) {
                counts.merge(dependency.state().wireName(), 1, Integer::sum);
            }
            return counts;
        }
    }

    public static final class Builder {

        private final SchedulerStore store;
        private Singletons singletons;
        private ScheduleChanges changes;
        private Clock clock = Clock.systemUTC();
        private Supplier<String> ids = new RandomIds();
        private TaskRunner runner;
        private AlertSender alerts = LOG_ALERTS;
        private ZoneId defaultZone = ZoneId.systemDefault();
        private int maxJobs = 10_000;
        private BreakerSettings breaker = BreakerSettings.DEFAULT;
        private DependencySettings dependencySettings = DependencySettings.DEFAULT;
        private EngineSettings engineSettings = EngineSettings.DEFAULT;
        private String instanceName = "hourglass";
        private Consumer<VirtualMachineError> onFatal = error -> { };
        private Metrics metrics = Metrics.NONE;

        private Builder(SchedulerStore store) {
            this.store = Objects.requireNonNull(store, "store");
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

        /** Where alerts from the outbox go (breaker trips and the like); default: the log, at ERROR. */
        public Builder alerts(AlertSender value) {
            this.alerts = Objects.requireNonNull(value, "alerts");
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

        /**
         * When a dependency's breaker opens (CONTRACT §11.1): runs of {@code threshold} distinct jobs
         * of it end in a dependency fault within {@code window}; default 3 within 60 s.
         */
        public Builder dependencyBreaker(Duration window, int threshold) {
            this.dependencySettings = dependencySettings.withWindow(window).withThreshold(threshold);
            return this;
        }

        public Builder dependencySettings(DependencySettings value) {
            this.dependencySettings = Objects.requireNonNull(value, "dependencySettings");
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

        /** How this instance is named in the store's instance list; default {@code hourglass}. */
        public Builder instanceName(String value) {
            this.instanceName = Objects.requireNonNull(value, "instanceName");
            return this;
        }

        /**
         * Told when the JVM failed under a task ({@link VirtualMachineError}); the engine has stopped
         * firing by then. The standalone service exits non-zero; an embedder may do the same.
         */
        public Builder onFatalError(Consumer<VirtualMachineError> value) {
            this.onFatal = Objects.requireNonNull(value, "onFatal");
            return this;
        }

        /**
         * How tasks that must run on one instance at a time are kept so; default: the store's own
         * when it is {@link Singletons} (PostgreSQL), else {@link Singletons#ONE_PROCESS}.
         */
        public Builder singletons(Singletons value) {
            this.singletons = Objects.requireNonNull(value, "singletons");
            return this;
        }

        /** Where word of other instances' changes comes from; default: the store when it is {@link ScheduleChanges}. */
        public Builder scheduleChanges(ScheduleChanges value) {
            this.changes = Objects.requireNonNull(value, "changes");
            return this;
        }

        /**
         * Where the engine reports runs, fire lag, breaker trips, commit times, busy workers and
         * alert deliveries; it is also handed the gauges read at scrape time. Default: nowhere.
         */
        public Builder metrics(Metrics value) {
            this.metrics = Objects.requireNonNull(value, "metrics");
            return this;
        }

        public Hourglass build() {
            if (runner == null) {
                throw new IllegalStateException("a task runner is required: Hourglass.builder(store).runner(...)");
            }
            Wakeup wakeup = new Wakeup();
            OutcomePolicy policy = new OutcomePolicy(breaker, ids);
            DependencyPolicy dependencyPolicy = new DependencyPolicy(dependencySettings, policy, ids);
            RunExecutor executor = new RunExecutor(runner, clock, metrics);
            Singletons oneAtATime = singletons != null ? singletons
                    : store instanceof Singletons shared ? shared : Singletons.ONE_PROCESS;
            Engine engine = new Engine(store, executor, policy, clock, ids, engineSettings, wakeup,
                    new Engine.Instance(new InstanceId(ids.get()), instanceName), alerts, onFatal,
                    oneAtATime,
                    changes != null ? changes
                            : store instanceof ScheduleChanges signalled ? signalled : ScheduleChanges.NONE,
                    metrics, dependencyPolicy);
            metrics.bind(new StoreReadings(store));
            JobCommandService commands = new JobCommandService(store, clock, ids, defaultZone, maxJobs, wakeup::raise);
            JobQueryService queries = new JobQueryService(store, store, store, store, store, clock, defaultZone, store);
            DependencyService dependencies = new DependencyService(store, dependencyPolicy, clock, wakeup::raise,
                    engine::alertWritten);
            RunJobNowService runNow = new RunJobNowService(store, engine, clock, ids);
            HealthService health = new HealthService(store, store, engine);
            ClusterService cluster = new ClusterService(store, store, clock, engine.instanceId(),
                    engineSettings.lease(), oneAtATime != Singletons.ONE_PROCESS);
            UseCases useCases = new UseCases(commands, queries, queries, queries, commands, commands, runNow, commands,
                    queries, queries, queries, health, cluster, commands, queries, queries, dependencies, dependencies,
                    dependencies, commands);
            return new Hourglass(useCases, engine);
        }
    }
}
