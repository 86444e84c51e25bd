package dev.hourglass.domain.service;

import dev.hourglass.domain.engine.Engine;
import dev.hourglass.domain.engine.EngineHealth;
import dev.hourglass.domain.port.in.CheckHealthUseCase;
import dev.hourglass.domain.port.in.HealthReport;
import dev.hourglass.domain.port.out.AlertOutbox;
import dev.hourglass.domain.port.out.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers whether this instance can do its job: the store answers, the dispatcher runs and holds
 * its lease, and outcomes get stored. Slow is not sick: a long run, or alerts waiting for a receiver
 * that is down, are reported, not counted as problems: restarting a scheduler that fires fine
 * would not bring the alert receiver back.
 */
public final class HealthService implements CheckHealthUseCase {

    /** Outcomes failing to store for this long are a problem, not a hiccup the committer rides out. */
    static final Duration OUTCOMES_FAILING_LIMIT = Duration.ofSeconds(30);

    private final JobStore jobs;
    private final AlertOutbox outbox;
    private final Engine engine;

    public HealthService(JobStore jobs, AlertOutbox outbox, Engine engine) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    @Override
    public HealthReport check() {
        List<String> problems = new ArrayList<>();
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
        return new HealthReport(reachable, dispatcher, engineHealth.leaseHeld(), engineHealth.outcomeBacklog(),
                oldestClaim, alerts.count(), alerts.oldest(), problems);
    }
}
