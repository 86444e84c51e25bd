package dev.hourglass.domain.port.in;

import dev.hourglass.domain.model.InstanceId;
import dev.hourglass.domain.model.InstanceInfo;
import java.util.List;
import java.util.Objects;

/**
 * The cluster as this instance sees it.
 *
 * @param self      the instance that answered
 * @param instances every instance seen in the last 24 hours, the living first
 */
public record ClusterView(InstanceId self, List<Member> instances) {

    public ClusterView {
        Objects.requireNonNull(self, "self");
        instances = List.copyOf(instances);
    }

    /**
     * One instance and the number of claims it holds: runs it started that are not recorded yet.
     */
    public record Member(InstanceInfo info, int running) {

        public Member {
            Objects.requireNonNull(info, "info");
            if (running < 0) {
                throw new IllegalArgumentException("running must not be negative");
            }
        }
    }
}
