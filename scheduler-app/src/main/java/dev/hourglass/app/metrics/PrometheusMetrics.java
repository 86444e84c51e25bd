package dev.hourglass.app.metrics;

import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.model.RunStatus;
import dev.hourglass.domain.port.out.Metrics;
import dev.hourglass.domain.port.out.Readings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Metrics} port over Micrometer's Prometheus registry: the series of CONTRACT §13 and the
 * JVM's own, with bounded labels only (an outcome, a status, a state; never a job). The gauges that
 * read the store are read once per {@link #scrape()}, not once per series, and a store that fails
 * at scrape time leaves them at their last values instead of failing the scrape.
 */
public final class PrometheusMetrics implements Metrics, AutoCloseable {

    /** What {@link #scrape()} answers: the Prometheus text format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Logger LOG = LoggerFactory.getLogger(PrometheusMetrics.class);
    private static final Duration[] RUN_BUCKETS = seconds(0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600);
    private static final Duration[] LAG_BUCKETS = seconds(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 60, 300);
    private static final Duration[] COMMIT_BUCKETS = seconds(0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5);
    private static final String[] DEPENDENCY_STATES = {"closed", "open", "half_open"};

    /** Built on a thread of its own from the constructor on: loading the registry's classes takes a while. */
    private final CompletableFuture<Meters> meters = new CompletableFuture<>();
    private volatile Readings readings;

    /**
     * Starts building the registry and its meters in the background and returns at once, so that a
     * service starting up does not wait for it: the first report or scrape waits for it instead.
     */
    public PrometheusMetrics() {
        Thread builder = new Thread(() -> {
            try {
                meters.complete(new Meters());
            } catch (RuntimeException | Error e) {
                LOG.error("the metrics registry could not be built; /metrics answers 500", e);
                meters.completeExceptionally(e);
            }
        }, "hourglass-metrics-setup");
        builder.setDaemon(true);
        builder.start();
    }

    /** The registry and every meter of CONTRACT §13. */
    private static final class Meters {

        private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        private final JvmGcMetrics gc = new JvmGcMetrics();
        private final Map<RunStatus, Counter> runs = new EnumMap<>(RunStatus.class);
        private final Timer runDuration;
        private final Timer fireLag;
        private final Timer storeCommit;
        private final Counter breakerTrips;
        private final Counter alertsDelivered;
        private final Counter alertsDeferred;
        private final AtomicInteger workersBusy = new AtomicInteger();
        /** The store's gauges as last read; written by {@link #scrape()} only. */
        private final Map<JobStatus, AtomicInteger> jobs = new EnumMap<>(JobStatus.class);
        private final Map<String, AtomicInteger> dependencies = new LinkedHashMap<>();
        private final AtomicInteger alertsPending = new AtomicInteger();
        private final AtomicInteger incidentsOpen = new AtomicInteger();

        Meters() {
            for (RunStatus status : RunStatus.values()) {
                runs.put(status, Counter.builder("hourglass.runs").description("Runs whose outcome was stored, by outcome")
                        .tag("outcome", status.wireName()).register(registry));
            }
            runDuration = Timer.builder("hourglass.run.duration").description("How long tasks ran (ok, error, superseded)")
                    .serviceLevelObjectives(RUN_BUCKETS).register(registry);
            fireLag = Timer.builder("hourglass.fire.lag")
                    .description("How long after its planned instant a scheduled run started (manual runs excluded)")
                    .serviceLevelObjectives(LAG_BUCKETS).register(registry);
            storeCommit = Timer.builder("hourglass.store.commit")
                    .description("How long storing one group of run outcomes took").serviceLevelObjectives(COMMIT_BUCKETS)
                    .register(registry);
            breakerTrips = Counter.builder("hourglass.breaker.trips").description("Jobs whose circuit breaker tripped")
                    .register(registry);
            alertsDelivered = Counter.builder("hourglass.alerts.delivered").description("Alerts that reached their receiver")
                    .register(registry);
            alertsDeferred = Counter.builder("hourglass.alerts.deferred")
                    .description("Alert deliveries that failed and will be tried again").register(registry);
            Gauge.builder("hourglass.workers.busy", workersBusy, AtomicInteger::get)
                    .description("Tasks running now").register(registry);
            for (JobStatus status : JobStatus.values()) {
                AtomicInteger count = new AtomicInteger();
                jobs.put(status, count);
                Gauge.builder("hourglass.jobs", count, AtomicInteger::get).description("Jobs by status")
                        .tag("status", status.wireName()).register(registry);
            }
            for (String state : DEPENDENCY_STATES) {
                AtomicInteger count = new AtomicInteger();
                dependencies.put(state, count);
                Gauge.builder("hourglass.dependencies", count, AtomicInteger::get).description("Dependencies by state")
                        .tag("state", state).register(registry);
            }
            Gauge.builder("hourglass.alerts.pending", alertsPending, AtomicInteger::get)
                    .description("Alerts waiting in the outbox").register(registry);
            Gauge.builder("hourglass.incidents.open", incidentsOpen, AtomicInteger::get)
                    .description("Incidents open now").register(registry);
            new JvmMemoryMetrics().bindTo(registry);
            gc.bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ClassLoaderMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
        }
    }

    /** Reads the store's gauges, then writes every series in the Prometheus text format. */
    public String scrape() {
        Meters m = meters();
        refreshReadings(m);
        return m.registry.scrape(CONTENT_TYPE);
    }

    @Override
    public void bind(Readings value) {
        readings = value;
    }

    @Override
    public void taskStarted(Duration lag) {
        report(m -> {
            m.workersBusy.incrementAndGet();
            if (lag != null) {
                m.fireLag.record(lag.isNegative() ? Duration.ZERO : lag);
            }
        });
    }

    @Override
    public void taskFinished() {
        report(m -> m.workersBusy.decrementAndGet());
    }

    @Override
    public void runRecorded(RunStatus status, Duration duration) {
        report(m -> {
            m.runs.get(status).increment();
            if (status != RunStatus.INTERRUPTED) {
                m.runDuration.record(duration);
            }
        });
    }

    @Override
    public void breakerTripped() {
        report(m -> m.breakerTrips.increment());
    }

    @Override
    public void outcomesCommitted(int writes, Duration took) {
        report(m -> m.storeCommit.record(took));
    }

    @Override
    public void alertDelivered() {
        report(m -> m.alertsDelivered.increment());
    }

    @Override
    public void alertDeferred() {
        report(m -> m.alertsDeferred.increment());
    }

    @Override
    public void close() {
        report(m -> {
            m.gc.close();
            m.registry.close();
        });
    }

    /** Waits for the meters (at most once, at start-up); a scrape fails when they could not be built. */
    private Meters meters() {
        return meters.join();
    }

    /** The engine's threads report here: never a throw into them, even when the meters could not be built. */
    private void report(Consumer<Meters> change) {
        Meters m;
        try {
            m = meters.join();
        } catch (CompletionException | CancellationException e) {
            return;
        }
        change.accept(m);
    }

    private synchronized void refreshReadings(Meters m) {
        Readings source = readings;
        if (source == null) {
            return;
        }
        try {
            source.jobsByStatus().forEach((status, count) -> m.jobs.get(status).set(count));
            source.dependenciesByState().forEach((state, count) -> {
                AtomicInteger gauge = m.dependencies.get(state.toLowerCase(Locale.ROOT));
                if (gauge != null) {
                    gauge.set(count);
                }
            });
            m.alertsPending.set(source.alertsPending());
            m.incidentsOpen.set(source.incidentsOpen());
        } catch (RuntimeException e) {
            LOG.warn("could not read the store for the metrics scrape; its gauges keep their last values: {}",
                    e.toString());
        }
    }

    private static Duration[] seconds(double... values) {
        Duration[] durations = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            durations[i] = Duration.ofNanos(Math.round(values[i] * 1e9));
        }
        return durations;
    }
}
