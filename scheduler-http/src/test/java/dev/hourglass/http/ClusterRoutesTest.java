package dev.hourglass.http;

import static dev.hourglass.http.ApiFixture.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hourglass.domain.model.InstanceId;
import dev.hourglass.domain.model.RunId;
import dev.hourglass.domain.port.out.Singletons;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code GET /ui/api/scheduler/cluster} (CONTRACT §10.1). */
class ClusterRoutesTest {

    private static final Singletons SHARED = (task, work) -> {
        work.run();
        return true;
    };

    @Test
    void lists_every_instance_with_its_heartbeat_liveness_and_runs_under_way() {
        try (ApiFixture api = ApiFixture.with(builder -> builder.singletons(SHARED))) {
            InstanceId busy = new InstanceId("i-busy");
            InstanceId idle = new InstanceId("i-idle");
            InstanceId gone = new InstanceId("i-gone");
            api.store.register(gone, "host-c-7", api.clock.instant());
            api.clock.advance(Duration.ofMinutes(1));
            api.store.register(busy, "host-a-1", api.clock.instant());
            api.store.register(idle, "host-b-2", api.clock.instant());
            api.createEveryMinute("first");
            api.createEveryMinute("second");
            api.createEveryMinute("third");
            AtomicInteger runs = new AtomicInteger();
            api.store.claimDue(api.clock.instant().plus(Duration.ofMinutes(1)), 2, busy, () -> new RunId("r-" + runs.incrementAndGet()));

            Reply reply = api.get(BASE + "/cluster");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().get("self").asText()).isNotBlank();
            List<JsonNode> instances = list(reply.json().get("instances"));
            assertThat(instances).extracting(i -> i.get("id").asText()).containsExactlyInAnyOrder(
                    "i-busy", "i-idle", "i-gone");
            JsonNode first = byId(instances, "i-busy");
            assertThat(fieldNames(first)).containsExactlyInAnyOrder(
                    "id", "name", "startedAt", "heartbeatAt", "alive", "running");
            assertThat(first.get("name").asText()).isEqualTo("host-a-1");
            assertThat(first.get("alive").asBoolean()).isTrue();
            assertThat(first.get("running").asInt()).isEqualTo(2);
            assertThat(first.get("startedAt").asText()).isEqualTo("2026-06-01T08:01:00.000Z");
            assertThat(byId(instances, "i-idle").get("running").asInt()).isZero();
            assertThat(byId(instances, "i-gone").get("alive").asBoolean()).isFalse();
            assertThat(byId(instances, "i-gone").get("heartbeatAt").asText()).isEqualTo("2026-06-01T08:00:00.000Z");
            assertThat(instances.get(instances.size() - 1).get("id").asText()).as("the living first").isEqualTo("i-gone");
        }
    }

    @Test
    void a_dead_instance_stays_listed_for_a_day() {
        try (ApiFixture api = ApiFixture.with(builder -> builder.singletons(SHARED))) {
            api.store.register(new InstanceId("i-gone"), "host-c-7", api.clock.instant());

            api.clock.advance(Duration.ofHours(23));
            assertThat(list(api.get(BASE + "/cluster").json().get("instances"))).hasSize(1);
            api.clock.advance(Duration.ofHours(2));
            assertThat(list(api.get(BASE + "/cluster").json().get("instances"))).isEmpty();
        }
    }

    @Test
    void a_store_for_one_process_lists_only_the_living_instance() {
        try (ApiFixture api = ApiFixture.open()) {
            api.store.register(new InstanceId("i-earlier-start"), "host-a-1", api.clock.instant());
            api.clock.advance(Duration.ofMinutes(5));
            api.store.register(new InstanceId("i-this-start"), "host-a-1", api.clock.instant());

            List<JsonNode> instances = list(api.get(BASE + "/cluster").json().get("instances"));

            assertThat(instances).extracting(i -> i.get("id").asText()).containsExactly("i-this-start");
        }
    }

    @Test
    void cluster_is_not_taken_for_a_job_id() {
        try (ApiFixture api = ApiFixture.open()) {
            api.delete(BASE + "/cluster").assertRefused(405, "method_not_allowed");
            assertThat(api.delete(BASE + "/cluster").header("Allow")).isEqualTo("GET");
        }
    }

    private static JsonNode byId(List<JsonNode> instances, String id) {
        return instances.stream().filter(i -> i.get("id").asText().equals(id)).findFirst().orElseThrow();
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
