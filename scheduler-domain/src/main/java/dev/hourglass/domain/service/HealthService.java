package dev.hourglass.domain.service;

import dev.hourglass.domain.engine.Engine;
import dev.hourglass.domain.engine.EngineHealth;
import dev.hourglass.domain.model.Instants;
import dev.hourglass.domain.port.in.CheckHealthUseCase;
import dev.hourglass.domain.port.in.HealthReport;
import dev.hourglass.domain.port.out.AlertOutbox;
import dev.hourglass.domain.port.out.JobStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers whether this instance can do its job: the store answers, the dispatcher runs and holds
 * its lease, outcomes get stored, and alerts leave the outbox. Slow is not sick: a long run or a
 * short backlog is reported, not counted as a problem.
 */
public final class HealthService implements CheckHealthUseCase {

    /** Outcomes failing to store for this long are a problem, not a hiccup the committer rides out. */
    static final Duration OUTCOMES_FAILING_LIMIT = Duration.ofSeconds(30);
    /** An alert undelivered for this long means nobody is being told. */
    static final Duration ALERT_AGE_LIMIT = Duration.ofMinutes(5);

    private final JobStore jobs;
    private final AlertOutbox outbox;
    private final Engine engine;
    private final Clock clock;

    public HealthService(JobStore jobs, AlertOutbox outbox, Engine engine, Clock clock) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public HealthReport check() {
        List<String> problems = new ArrayList<>();
        Instant now = Instants.now(clock);
        EngineHealth engineHealth = engine.health();
        String dispatcher = !engineHealth.started() ? "manual" : engineHealth.dispatcherAlive() ? "running" : "stopped";
        if (engineHealth.started() && !engineHealth.dispatcherAlive()) {
            problems.add("the dispatcher is not running" + engineHealth.fatal().map(f -> ": " + f).orElse(""));
        }
        if (!engineHealth.leaseHeld()) {
            problems.add("this instance's heartbeat lapsed: it starts no run until the store takes it again");
        }
        engineHealth.outcomesFailingFor().filter(d -> d.compareTo(OUTCOMES_FAILING_LIMIT) > 0).ifPresent(d ->
                problems.add(engineHealth.outcomeBacklog() + " run outcome(s) could not be stored for " + d.toSeconds()
                        + " s"));
        boolean reachable = true;
        Optional<Instant> oldestClaim = Optional.empty();
        AlertOutbox.Backlog alerts = new AlertOutbox.Backlog(0, Optional.empty());
        try {
            oldestClaim = jobs.running().stream().map(job -> job.claim().claimedAt()).min(Instant::compareTo);
            alerts = outbox.alertBacklog();
        } catch (RuntimeException e) {
            reachable = false;
            problems.add("the store does not answer: " + e.getMessage());
        }
        int waiting = alerts.count();
        alerts.oldest().filter(oldest -> Duration.between(oldest, now).compareTo(ALERT_AGE_LIMIT) > 0)
                .ifPresent(oldest -> problems.add("alerts are not being delivered: " + waiting
                        + " waiting, the oldest since " + Instants.format(oldest)));
        return new HealthReport(reachable, dispatcher, engineHealth.leaseHeld(), engineHealth.outcomeBacklog(),
                oldestClaim, alerts.count(), alerts.oldest(), problems);
    }
}
