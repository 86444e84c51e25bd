package dev.hourglass.http;

import static dev.hourglass.http.ApiFixture.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dependency routes of CONTRACT §11.1: the listing, an operator's hold and an early close. */
class DependencyRoutesTest {

    private static final String DEPENDENCIES = BASE + "/dependencies";
    private static final String UNTIL = "2026-06-01T12:00:00+02:00";

    private final ApiFixture api = ApiFixture.open();

    @AfterEach
    void close() {
        api.close();
    }

    private String createWith(String name, String dependency) {
        return api.create("{\"name\":\"" + name + "\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":60000},"
                + "\"task\":\"t\",\"dependency\":\"" + dependency + "\"}");
    }

    @Test
    void lists_each_dependency_a_job_names_closed_until_it_opens() {
        assertThat(api.get(DEPENDENCIES).json().get("dependencies")).isEmpty();
        createWith("one", "model-provider");
        createWith("two", "Model-Provider");
        createWith("chat", "slack");
        api.createEveryMinute("alone");

        Reply reply = api.get(DEPENDENCIES);

        assertThat(reply.status()).isEqualTo(200);
        List<JsonNode> listed = list(reply.json().get("dependencies"));
        assertThat(listed).extracting(d -> d.get("name").asText()).containsExactly("Model-Provider", "slack");
        JsonNode provider = listed.get(0);
        assertThat(fieldNames(provider)).containsExactly("name", "state", "openedAt", "openUntil", "cause", "jobs",
                "held", "probes");
        assertThat(provider.get("state").asText()).isEqualTo("closed");
        assertThat(provider.get("openedAt").isNull()).isTrue();
        assertThat(provider.get("jobs").asInt()).isEqualTo(2);
        assertThat(provider.get("held").asInt()).isZero();
    }

    @Test
    void an_operator_holds_a_dependency_until_an_instant_and_every_job_of_it_is_held_and_audited() {
        String one = createWith("one", "model-provider");
        String two = createWith("two", "model-provider");
        String other = createWith("chat", "slack");

        Reply reply = api.post(DEPENDENCIES + "/MODEL-PROVIDER/open",
                "{\"until\":\"" + UNTIL + "\",\"reason\":\"provider maintenance\"}");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode dependency = reply.json().get("dependency");
        assertThat(dependency.get("name").asText()).isEqualTo("model-provider");
        assertThat(dependency.get("state").asText()).isEqualTo("open");
        assertThat(dependency.get("openedAt").asText()).isEqualTo("2026-06-01T08:00:00.000Z");
        assertThat(dependency.get("openUntil").asText()).isEqualTo("2026-06-01T10:00:00.000Z");
        assertThat(dependency.get("cause").asText()).contains("held by user").contains("provider maintenance");
        assertThat(dependency.get("held").asInt()).isEqualTo(2);
        for (String id : List.of(one, two)) {
            assertThat(api.get(BASE + "/" + id).job().get("heldByDependency").asBoolean()).isTrue();
            JsonNode entry = api.get(BASE + "/" + id + "/audit").json().get("entries").get(0);
            assertThat(entry.get("action").asText()).isEqualTo("dependency_open");
            assertThat(entry.get("actor").asText()).isEqualTo("user");
            assertThat(entry.get("previousStatus").asText()).isEqualTo("active");
            assertThat(entry.get("newStatus").asText()).isEqualTo("active");
            assertThat(entry.get("detail").asText()).contains("provider maintenance");
        }
        assertThat(api.get(BASE + "/" + other).job().get("heldByDependency").asBoolean()).isFalse();
        assertThat(api.get(BASE).json().get("summary").get("openDependencies").asInt()).isEqualTo(1);
        JsonNode reason = api.get(BASE + "/" + one + "/explain").json().get("reasons").get(0);
        assertThat(reason.get("code").asText()).isEqualTo("dependency_open");
        assertThat(reason.get("until").asText()).isEqualTo("2026-06-01T10:00:00.000Z");
    }

    @Test
    void an_operator_closes_a_held_dependency_and_its_jobs_are_released_and_audited() {
        String one = createWith("one", "model-provider");
        api.post(DEPENDENCIES + "/model-provider/open", "{\"until\":\"" + UNTIL + "\"}");

        Reply reply = api.post(DEPENDENCIES + "/model-provider/close", "{\"reason\":\"it is back\"}");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode dependency = reply.json().get("dependency");
        assertThat(dependency.get("state").asText()).isEqualTo("closed");
        assertThat(dependency.get("openUntil").isNull()).isTrue();
        assertThat(dependency.get("held").asInt()).isZero();
        assertThat(api.get(BASE + "/" + one).job().get("heldByDependency").asBoolean()).isFalse();
        JsonNode entry = api.get(BASE + "/" + one + "/audit").json().get("entries").get(0);
        assertThat(entry.get("action").asText()).isEqualTo("dependency_close");
        assertThat(entry.get("detail").asText()).contains("it is back");
        assertThat(api.get(BASE).json().get("summary").get("openDependencies").asInt()).isZero();
    }

    @Test
    void closing_takes_an_empty_body_and_closing_a_closed_dependency_changes_nothing() {
        String one = createWith("one", "model-provider");

        Reply reply = api.postEmpty(DEPENDENCIES + "/model-provider/close");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("dependency").get("state").asText()).isEqualTo("closed");
        assertThat(api.get(BASE + "/" + one + "/audit").json().get("entries")).hasSize(1);
    }

    @Test
    void an_unknown_dependency_is_404() {
        createWith("one", "model-provider");

        for (Reply reply : List.of(api.post(DEPENDENCIES + "/nobody/open", "{\"until\":\"" + UNTIL + "\"}"),
                api.postEmpty(DEPENDENCIES + "/nobody/close"),
                api.post(DEPENDENCIES + "/not%20a%20name/close", "{}"))) {
            assertThat(reply.status()).as("%s", reply).isEqualTo(404);
            assertThat(reply.json().get("code").asText()).isEqualTo("not_found");
        }
    }

    @Test
    void bad_input_is_400_naming_the_field() {
        createWith("one", "model-provider");
        String open = DEPENDENCIES + "/model-provider/open";

        assertBadRequest(api.post(open, "{}"), "until");
        assertBadRequest(api.postEmpty(open), "until");
        assertBadRequest(api.post(open, "{\"until\":1700000000}"), "until");
        assertBadRequest(api.post(open, "{\"until\":\"tomorrow\"}"), "until");
        assertBadRequest(api.post(open, "{\"until\":\"2026-06-01T07:00:00Z\"}"), "until");
        assertBadRequest(api.post(open, "{\"until\":\"2028-06-01T07:00:00Z\"}"), "until");
        assertBadRequest(api.post(open, "{\"until\":\"" + UNTIL + "\",\"reason\":5}"), "reason");
        assertBadRequest(api.post(open, "{\"until\":\"" + UNTIL + "\",\"reason\":\"" + "x".repeat(501) + "\"}"),
                "reason");
        assertBadRequest(api.post(DEPENDENCIES + "/model-provider/close", "{\"reason\":true}"), "reason");
        Reply broken = api.post(open, "{\"until\":");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("code").asText()).isEqualTo("invalid_json");
        assertThat(list(api.get(DEPENDENCIES).json().get("dependencies")).get(0).get("state").asText())
                .isEqualTo("closed");
    }

    private static void assertBadRequest(Reply reply, String field) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(400);
        assertThat(reply.json().get("code").asText()).isEqualTo("invalid_request");
        assertThat(reply.json().get("error").asText()).contains(field);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
