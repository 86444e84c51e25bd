package dev.hourglass.domain.service;

import dev.hourglass.domain.model.Claim;
import dev.hourglass.domain.model.InstanceId;
import dev.hourglass.domain.model.InstanceInfo;
import dev.hourglass.domain.model.Instants;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.port.in.ClusterView;
import dev.hourglass.domain.port.in.ListInstancesUseCase;
import dev.hourglass.domain.port.out.Instances;
import dev.hourglass.domain.port.out.JobStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Lists the instances sharing the store with the runs each holds. A store made for one process
 * (SQLite) has no cluster: the earlier starts it remembers are this process's past, not members,
 * so only the living are listed there.
 */
public final class ClusterService implements ListInstancesUseCase {

    private final Instances instances;
    private final JobStore jobs;
    private final Clock clock;
    private final InstanceId self;
    private final Duration lease;
    private final boolean shared;

    /**
     * @param shared whether several processes may share the store, so that dead instances are worth listing
     */
    public ClusterService(Instances instances, JobStore jobs, Clock clock, InstanceId self, Duration lease,
            boolean shared) {
        this.instances = Objects.requireNonNull(instances, "instances");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.self = Objects.requireNonNull(self, "self");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.shared = shared;
    }

    @Override
    public ClusterView instances() {
        Map<InstanceId, Long> running = jobs.running().stream()
                .map(Job::claim)
                .collect(Collectors.groupingBy(Claim::owner, Collectors.counting()));
        List<InstanceInfo> known = instances.instances(Instants.now(clock), lease);
        List<ClusterView.Member> members = known.stream()
                .filter(instance -> shared || instance.alive())
                .map(instance -> new ClusterView.Member(instance,
                        running.getOrDefault(instance.id(), 0L).intValue()))
                .toList();
        return new ClusterView(self, members);
    }
}
