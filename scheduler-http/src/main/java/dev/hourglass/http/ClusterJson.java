package dev.hourglass.http;

import dev.hourglass.domain.port.in.ClusterView;
import java.time.Instant;
import java.util.List;

/** {@code GET /ui/api/scheduler/cluster} (CONTRACT §10.1): who answered, and every instance with its runs under way. */
record ClusterJson(String self, List<InstanceJson> instances) {

    static ClusterJson of(ClusterView view) {
        return new ClusterJson(view.self().value(), view.instances().stream().map(InstanceJson::of).toList());
    }

    record InstanceJson(String id, String name, Instant startedAt, Instant heartbeatAt, boolean alive, int running) {

        static InstanceJson of(ClusterView.Member member) {
            var info = member.info();
            return new InstanceJson(info.id().value(), info.name(), info.startedAt(), info.heartbeatAt(), info.alive(),
                    member.running());
        }
    }
}
