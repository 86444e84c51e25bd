package dev.hourglass.app.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hourglass.app.ApiClient;
import dev.hourglass.app.Main;
import dev.hourglass.app.RunningService;
import dev.hourglass.app.ServiceConfig;
import dev.hourglass.app.StubWebhook;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The real service, in process on a free port over a temporary SQLite file, with a bearer token and
 * the webhook runner pointed at a stub whose answers the test sets.
 */
final class LiveService implements AutoCloseable {

    static final String TOKEN = "dashboard-test-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    final StubWebhook webhook;
    final RunningService service;
    final ApiClient api;

    private LiveService(StubWebhook webhook, RunningService service) {
        this.webhook = webhook;
        this.service = service;
        this.api = new ApiClient(service.url() + "/ui/api/scheduler", TOKEN);
    }

    /** Started with a breaker that trips after {@code maxConsecutiveErrors} errors, so a test needs only a few runs. */
    static LiveService start(Path dir, int maxConsecutiveErrors) throws IOException {
        StubWebhook webhook = new StubWebhook();
        ServiceConfig config = ServiceConfig.defaults(dir.resolve("scheduler.db"))
                .withToken(TOKEN)
                .withWebhook(webhook.url(), Duration.ofSeconds(5))
                .withMaxConsecutiveErrors(maxConsecutiveErrors);
        return new LiveService(webhook, Main.start(config));
    }

    String url() {
        return service.url();
    }

    /** Creates a job through the API and answers its id. */
    String create(String name, String scheduleJson) throws IOException, InterruptedException {
        ObjectNode job = JSON.createObjectNode().put("name", name).put("task", "task of " + name);
        job.set("schedule", JSON.readTree(scheduleJson));
        return api.create(JSON.writeValueAsString(job));
    }

    static String every(long intervalMs) {
        return "{\"kind\":\"every\",\"intervalMs\":" + intervalMs + "}";
    }

    static String cron(String expr) {
        return "{\"kind\":\"cron\",\"expr\":\"" + expr + "\",\"tz\":\"UTC\"}";
    }

    @Override
    public void close() {
        service.close();
        webhook.close();
    }
}
