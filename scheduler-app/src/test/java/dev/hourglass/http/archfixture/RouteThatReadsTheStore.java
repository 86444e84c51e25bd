package dev.hourglass.http.archfixture;

import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.port.out.JobStore;
import java.util.Optional;

/**
 * Breaks {@code http_reaches_the_domain_only_through_in_ports_and_their_values}: a route that reads
 * the store out-port directly, around the use cases.
 */
public final class RouteThatReadsTheStore {

    private final JobStore store;

    public RouteThatReadsTheStore(JobStore store) {
        this.store = store;
    }

    public Optional<Job> get(String id) {
        return store.find(new JobId(id));
    }
}
