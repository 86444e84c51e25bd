package dev.hourglass.domain.service;

import dev.hourglass.domain.error.ConcurrentUpdateException;
import dev.hourglass.domain.error.DependencyNotFoundException;
import dev.hourglass.domain.error.InvalidInputException;
import dev.hourglass.domain.model.Dependency;
import dev.hourglass.domain.model.DependencyStatus;
import dev.hourglass.domain.model.Instants;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobDefinition;
import dev.hourglass.domain.policy.DependencyPolicy;
import dev.hourglass.domain.port.in.CloseDependencyCommand;
import dev.hourglass.domain.port.in.CloseDependencyUseCase;
import dev.hourglass.domain.port.in.ListDependenciesUseCase;
import dev.hourglass.domain.port.in.OpenDependencyCommand;
import dev.hourglass.domain.port.in.OpenDependencyUseCase;
import dev.hourglass.domain.port.out.DependencyChange;
import dev.hourglass.domain.port.out.Dependencies;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The operator's side of the dependency breakers (CONTRACT §11.1): the listing, a hold for
 * maintenance and an early close. Each change is one version-checked transaction of the dependency,
 * its jobs, their audit entries and the alert; one that lost a race is decided again.
 */
public final class DependencyService implements ListDependenciesUseCase, OpenDependencyUseCase, CloseDependencyUseCase {

    private static final int MAX_ATTEMPTS = 10;

    private final Dependencies store;
    private final DependencyPolicy policy;
    private final Clock clock;
    private final Runnable onScheduleChange;
    private final Runnable onAlert;

    public DependencyService(Dependencies store, DependencyPolicy policy, Clock clock, Runnable onScheduleChange,
            Runnable onAlert) {
        this.store = Objects.requireNonNull(store, "store");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onScheduleChange = Objects.requireNonNull(onScheduleChange, "onScheduleChange");
        this.onAlert = Objects.requireNonNull(onAlert, "onAlert");
    }

    @Override
    public List<DependencyStatus> dependencies() {
        return statuses(store);
    }

    /** The dependencies jobs name in {@code store}, by name, each in its stored state. */
    static List<DependencyStatus> statuses(Dependencies store) {
        return DependencyStatus.of(store.dependencyUsage(), store.dependencies());
    }

    /** How many of the dependencies jobs name hold their jobs: open or half-open. */
    static int holding(Dependencies store) {
        return (int) statuses(store).stream().filter(status -> status.state().holds()).count();
    }

    @Override
    public DependencyStatus open(OpenDependencyCommand command) {
        Instant now = Instants.now(clock);
        Instant until = command.until();
        if (!until.isAfter(now)) {
            throw new InvalidInputException("until", "until must lie in the future; got " + until);
        }
        if (until.isAfter(now.atOffset(ZoneOffset.UTC).plusYears(1).toInstant())) {
            throw new InvalidInputException("until", "until must be at most one year ahead; got " + until);
        }
        return change(command.name(), (dependency, jobs) -> Optional.of(
                policy.hold(dependency, jobs, until, command.reason(), command.actor(), now)));
    }

    @Override
    public DependencyStatus close(CloseDependencyCommand command) {
        Instant now = Instants.now(clock);
        return change(command.name(), (dependency, jobs) ->
                policy.close(dependency, jobs, command.reason(), command.actor(), now));
    }

    private interface Decision {
        Optional<DependencyChange> decide(Dependency dependency, List<Job> jobs);
    }

    private DependencyStatus change(String name, Decision decision) {
        String key = JobDefinition.dependencyKey(name);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            List<Job> jobs = store.jobsOf(key);
            if (jobs.isEmpty()) {
                throw new DependencyNotFoundException(name);
            }
            Dependency dependency = store.dependency(key).orElseGet(() -> Dependency.closed(jobs.get(0).dependency()));
            Optional<DependencyChange> change = decision.decide(dependency, jobs);
            if (change.isEmpty()) {
                return status(key, name);
            }
            if (store.apply(change.get())) {
                onScheduleChange.run();
                if (!change.get().alerts().isEmpty()) {
                    onAlert.run();
                }
                return status(key, name);
            }
        }
        throw ConcurrentUpdateException.ofDependency(name);
    }

    private DependencyStatus status(String key, String name) {
        return statuses(store).stream().filter(status -> JobDefinition.dependencyKey(status.name()).equals(key))
                .findFirst().orElseThrow(() -> new DependencyNotFoundException(name));
    }
}
