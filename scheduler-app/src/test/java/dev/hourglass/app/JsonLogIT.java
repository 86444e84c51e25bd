package dev.hourglass.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --log-format json} through the packaged jar: a job fires with the log runner, the service
 * stops, and every line it wrote on standard error is a JSON object that names its run and holds
 * neither the API token nor the task's body.
 */
class JsonLogIT {

    private static final String TOKEN = "SECRET-TOKEN-xyz";
    private static final String TASK = "TASK-BODY-kumquat-4711";
    private static final long GIVE_UP_SECONDS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private ServiceProcess service;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void every_line_is_json_naming_the_run_and_no_secret_or_task_body_is_logged() throws Exception {
        service = ServiceProcess.start(dir, "--port", "0", "--db", dir.resolve("jobs.db").toString(),
                "--log-format", "json", "--token", TOKEN);
        ApiClient api = new ApiClient(service.api(), TOKEN);
        String id = api.create("{\"name\":\"json-logged\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":200},"
                + "\"task\":\"" + TASK + "\"}");
        String runId = awaitFirstRunId(api, id);

        assertThat(service.terminate(GIVE_UP_SECONDS)).isZero();

        String log = service.log();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : log.lines().toList()) {
            JsonNode event = JSON.readTree(line);
            assertThat(event.isObject()).as("a JSON object: %s", line).isTrue();
            assertThat(event.path("time").asText()).as(line).isNotEmpty();
            assertThat(Instant.parse(event.get("time").asText())).isNotNull();
            assertThat(event.path("level").asText()).as(line).isNotEmpty();
            assertThat(event.path("logger").asText()).as(line).isNotEmpty();
            assertThat(event.has("message")).as(line).isTrue();
            lines.add(event);
        }
        assertThat(lines).as("the log").isNotEmpty();
        assertThat(lines).as("a line of the run carries its jobId and runId")
                .anySatisfy(event -> {
                    assertThat(event.path("jobId").asText()).isEqualTo(id);
                    assertThat(event.path("runId").asText()).isEqualTo(runId);
                });
        assertThat(lines).as("the stop is logged").anySatisfy(event ->
                assertThat(event.get("message").asText()).isEqualTo("stopped"));
        assertThat(log).doesNotContain(TOKEN).doesNotContain(TASK);
    }

    /** The id of the job's first recorded run; the runner logged it before the run was recorded. */
    private static String awaitFirstRunId(ApiClient api, String id) throws Exception {
        Instant giveUp = Instant.now().plusSeconds(GIVE_UP_SECONDS);
        JsonNode runs = api.get("/" + id + "/runs").body().path("runs");
        while (runs.isEmpty() && Instant.now().isBefore(giveUp)) {
            Thread.onSpinWait();
            runs = api.get("/" + id + "/runs").body().path("runs");
        }
        assertThat(runs).as("runs of the job").isNotEmpty();
        return runs.get(0).get("runId").asText();
    }
}
