package dev.hourglass.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A real HTTP receiver on a loopback port for webhook tests: it records every request and answers
 * as the test says (a status, headers and body, a huge body, or no answer until released).
 */
public final class StubWebhook implements AutoCloseable {

    /** One request as received. */
    public record Received(String method, Map<String, List<String>> headers, String body, long receivedAtNanos) {

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** How to answer. */
    public record Answer(int status, Map<String, String> headers, String body, long bodyRepeat, boolean hangs) {

        public static Answer ok(String body) {
            return new Answer(200, Map.of(), body, 1, false);
        }

        public static Answer status(int status, String body) {
            return new Answer(status, Map.of(), body, 1, false);
        }

        public static Answer status(int status, String body, Map<String, String> headers) {
            return new Answer(status, headers, body, 1, false);
        }

        /** {@code body} repeated {@code times} times: a large answer without holding it in memory. */
        public static Answer huge(String body, long times) {
            return new Answer(200, Map.of(), body, times, false);
        }

        /** No answer until {@link #releaseHanging()}, then 200 with {@code body}. */
        public static Answer hanging(String body) {
            return new Answer(200, Map.of(), body, 1, true);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Received> arrivals = new LinkedBlockingQueue<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicInteger finished = new AtomicInteger();
    private volatile Function<Received, Answer> answers = request -> Answer.ok("ok");
    private volatile Supplier<Duration> delay = () -> Duration.ZERO;

    public StubWebhook() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "stub-webhook");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    public StubWebhook answer(Answer next) {
        this.answers = request -> next;
        return this;
    }

    /** Answers each request as {@code choose} decides from what it received. */
    public StubWebhook answering(Function<Received, Answer> choose) {
        this.answers = choose;
        return this;
    }

    /** Waits this long (asked anew for each request) before answering. */
    public StubWebhook delaying(Supplier<Duration> next) {
        this.delay = next;
        return this;
    }

    /** Response body bytes written so far, counting only what the receiver took before going away. */
    public long bytesSent() {
        return bytesSent.get();
    }

    /** Requests whose exchange is over: answered in full, or given up because the caller went away. */
    public int finished() {
        return finished.get();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The next request to arrive, waiting up to {@code seconds}; null if none came. */
    public Received awaitRequest(long seconds) throws InterruptedException {
        return arrivals.poll(seconds, TimeUnit.SECONDS);
    }

    /** Forgets requests received so far, so {@link #awaitRequest} waits for the next new one. */
    public void forgetArrivals() {
        arrivals.clear();
    }

    /** Lets every hanging request go on to its answer. */
    public void releaseHanging() {
        release.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            answer(exchange);
        } finally {
            finished.incrementAndGet();
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        long arrivedAt = System.nanoTime();
        Received request = new Received(exchange.getRequestMethod(), Map.copyOf(exchange.getRequestHeaders()),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), arrivedAt);
        Answer current = answers.apply(request);
        received.add(request);
        arrivals.add(request);
        try (exchange) {
            Duration wait = delay.get();
            if (!wait.isZero()) {
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (current.hangs()) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            current.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] chunk = current.body().getBytes(StandardCharsets.UTF_8);
            long length = chunk.length * current.bodyRepeat();
            exchange.sendResponseHeaders(current.status(), length == 0 ? -1 : length);
            OutputStream out = exchange.getResponseBody();
            for (long i = 0; i < current.bodyRepeat() && length > 0; i++) {
                out.write(chunk);
                bytesSent.addAndGet(chunk.length);
            }
        } catch (IOException clientWentAway) {
            // The runner stops reading after 4 KiB; the rest has nowhere to go.
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
