package dev.hourglass.domain.model;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A dependency as an operator sees it (CONTRACT §11.1): its breaker's state and episode, and how
 * many jobs name it ({@code jobs}) and are held by it ({@code held}).
 */
public record DependencyStatus(String name, DependencyState state, Instant openedAt, Instant openUntil, String cause,
        int jobs, int held, int probes) {

    public DependencyStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
    }

    /**
     * The dependencies that jobs name ({@code usage}), by key, each in its {@code stored} state: one
     * no job names is not listed, one never stored is closed.
     */
    public static List<DependencyStatus> of(List<DependencyUsage> usage, List<Dependency> stored) {
        Map<String, Dependency> byKey = stored.stream().collect(Collectors.toMap(Dependency::key, Function.identity()));
        return usage.stream()
                .sorted(Comparator.comparing(DependencyUsage::key))
                .map(used -> of(used, byKey.get(used.key())))
                .toList();
    }

    /** The dependency that {@code usage} counts, in the state {@code stored} (closed when never stored). */
    public static DependencyStatus of(DependencyUsage usage, Dependency stored) {
        if (stored == null) {
            return new DependencyStatus(usage.name(), DependencyState.CLOSED, null, null, null, usage.jobs(),
                    usage.held(), 0);
        }
        return new DependencyStatus(stored.name(), stored.state(), stored.openedAt(), stored.openUntil(),
                stored.cause(), usage.jobs(), usage.held(), stored.probes());
    }
}
