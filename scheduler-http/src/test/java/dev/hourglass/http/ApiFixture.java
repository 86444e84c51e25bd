package dev.hourglass.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.domain.Hourglass;
import dev.hourglass.domain.port.in.UseCases;
import dev.hourglass.domain.testing.InMemoryStore;
import dev.hourglass.domain.testing.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.function.Consumer;

/**
 * The real API on a free port, over Hourglass with an in-memory store, a manual clock and a fake
 * runner; the engine is not started, so nothing fires unless a test asks. Every answer is checked
 * for the headers the contract promises on every API answer, and against the OpenAPI document
 * ({@link OpenApiContract}).
 */
final class ApiFixture implements AutoCloseable {

    static final String TOKEN = "test-token-0123456789";
    static final String BASE = "/ui/api/scheduler";

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    final ManualClock clock = ManualClock.at("2026-06-01T08:00:00Z");
    final FakeRunner runner = new FakeRunner();
    final InMemoryStore store = new InMemoryStore();
    private final HttpApi api;
    private String bearer;

    private ApiFixture(Consumer<Hourglass.Builder> customize, UseCases override, HttpSettings settings) {
        this(customize, override, settings, null);
    }

    private ApiFixture(Consumer<Hourglass.Builder> customize, UseCases override, HttpSettings settings,
            MetricsScrape metrics) {
        Hourglass.Builder builder = Hourglass.builder(store).runner(runner).clock(clock).defaultZone(ZoneOffset.UTC);
        customize.accept(builder);
        UseCases useCases = override != null ? override : builder.build().useCases();
        api = HttpApi.create(useCases, settings, metrics).start("127.0.0.1", 0);
        bearer = settings.apiToken();
    }

    static ApiFixture open() {
        return new ApiFixture(builder -> { }, null, HttpSettings.open());
    }

    static ApiFixture withToken() {
        return new ApiFixture(builder -> { }, null, HttpSettings.withToken(TOKEN));
    }

    /** The API with {@code GET /metrics} answering {@code metrics}. */
    static ApiFixture withMetrics(HttpSettings settings, MetricsScrape metrics) {
        return new ApiFixture(builder -> { }, null, settings, metrics);
    }

    static ApiFixture with(Consumer<Hourglass.Builder> customize) {
        return new ApiFixture(customize, null, HttpSettings.open());
    }

    static ApiFixture over(UseCases useCases) {
        return new ApiFixture(builder -> { }, useCases, HttpSettings.open());
    }

    /** The bearer token later requests send; null sends no Authorization header. */
    void sendToken(String token) {
        this.bearer = token;
    }

    Reply get(String path) {
        return send(request(path).GET());
    }

    Reply delete(String path) {
        return send(request(path).DELETE());
    }

    Reply post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    Reply postBytes(String path, byte[] body) {
        return send(request(path).header("Content-Type", "application/json").POST(BodyPublishers.ofByteArray(body)));
    }

    /** A POST with an empty body and no Content-Type. */
    Reply postEmpty(String path) {
        return send(request(path).POST(BodyPublishers.noBody()));
    }

    Reply method(String method, String path, BodyPublisher body) {
        return send(request(path).method(method, body));
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder;
    }

    Reply send(HttpRequest.Builder request) {
        Reply reply = sendForAnyType(request);
        assertThat(reply.header("Content-Type")).as("Content-Type of %s", reply).startsWith("application/json");
        assertThat(reply.header("Cache-Control")).as("Cache-Control of %s", reply).isEqualTo("no-store");
        return reply;
    }

    /** As {@link #send}, without the API's header checks: for the dashboard's files. */
    Reply sendForAnyType(HttpRequest.Builder request) {
        try {
            HttpRequest sent = request.build();
            var response = CLIENT.send(sent, BodyHandlers.ofString(StandardCharsets.UTF_8));
            Reply reply = new Reply(response.statusCode(), response.headers(), response.body());
            // Every answer the suite sees must be one the OpenAPI document describes.
            OpenApiContract.get().check(sent.method(), sent.uri(), reply);
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends raw bytes over a socket, for requests java.net.http refuses to build; answers the raw response. */
    String raw(String requestHead) {
        try (Socket socket = new Socket("127.0.0.1", api.port())) {
            socket.getOutputStream().write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a job firing every minute and returns its id. */
    String createEveryMinute(String name) {
        return create("{\"name\":\"" + name + "\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":60000},\"task\":\"t\"}");
    }

    String create(String json) {
        Reply reply = post(BASE, json);
        assertThat(reply.status()).as("create: %s", reply).isEqualTo(201);
        return reply.job().get("id").asText();
    }

    /** Every route the API registered, as {@code METHOD path}. */
    java.util.List<String> routes() {
        return api.routes();
    }

    @Override
    public void close() {
        api.stop();
    }
}
