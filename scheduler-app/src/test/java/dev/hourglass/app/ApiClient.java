package dev.hourglass.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A real HTTP client for the service's API, as a script would use it. */
public final class ApiClient {

    public record Reply(int status, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    public ApiClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public Reply get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    public Reply post(String path, String json) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply delete(String path) throws IOException, InterruptedException {
        return send(request(path).DELETE());
    }

    public JsonNode job(String id) throws IOException, InterruptedException {
        Reply reply = get("/" + id);
        if (reply.status() != 200) {
            throw new IllegalStateException("GET job " + id + " answered " + reply.status() + ": " + reply.body());
        }
        return reply.body().get("job");
    }

    public String create(String json) throws IOException, InterruptedException {
        Reply reply = post("", json);
        if (reply.status() != 201) {
            throw new IllegalStateException("create answered " + reply.status() + ": " + reply.body());
        }
        return reply.body().get("job").get("id").asText();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private Reply send(HttpRequest.Builder builder) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        return new Reply(response.statusCode(), body == null || body.isBlank() ? null : JSON.readTree(body));
    }
}
