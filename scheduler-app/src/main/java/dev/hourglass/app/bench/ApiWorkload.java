package dev.hourglass.app.bench;

import dev.hourglass.app.Main;
import dev.hourglass.app.RunningService;
import dev.hourglass.app.ServiceConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The whole service over loopback HTTP: requests per second and latency under concurrent clients. */
final class ApiWorkload {

    private static final String TOKEN = "bench-token";
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    private ApiWorkload() {
    }

    static List<Result> run(Path dir, int jobs, int threads, Duration each) throws Exception {
        ServiceConfig config = ServiceConfig.defaults(dir.resolve("api.db")).withToken(TOKEN);
        try (RunningService service = Main.start(config)) {
            String base = service.url() + "/ui/api/scheduler";
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                String body = "{\"name\":\"api-" + i + "\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":3600000},\"task\":\"t\"}";
                String created = send(client, post(base, body)).body();
                Matcher matcher = ID.matcher(created);
                if (!matcher.find()) {
                    throw new IllegalStateException("create failed: " + created);
                }
                ids.add(matcher.group(1));
            }
            List<Result> results = new ArrayList<>();
            results.add(measure("api GET list", client, threads, each, n -> get(base)));
            results.add(measure("api GET one", client, threads, each, n -> get(base + "/" + ids.get(n % ids.size()))));
            results.add(measure("api pause/resume", client, threads, each, n -> post(
                    base + "/" + ids.get((n / 2) % ids.size()) + (n % 2 == 0 ? "/pause" : "/resume"), "{}")));
            results.forEach(result -> result.parameter("jobsStored", jobs));
            return results;
        }
    }

    private static Result measure(String name, HttpClient client, int threads, Duration each,
            IntFunction<HttpRequest> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger failures = new AtomicInteger();
        long end = System.nanoTime() + each.toNanos();
        List<Future<long[]>> samples = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            samples.add(pool.submit((Callable<long[]>) () -> {
                long[] micros = new long[1 << 16];
                int taken = 0;
                int n = thread * 2;
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    HttpResponse<String> response = send(client, request.apply(n));
                    if (response.statusCode() >= 300) {
                        failures.incrementAndGet();
                    }
                    if (taken == micros.length) {
                        micros = java.util.Arrays.copyOf(micros, micros.length * 2);
                    }
                    micros[taken++] = (System.nanoTime() - start) / 1000;
                    n += threads * 2;
                }
                return java.util.Arrays.copyOf(micros, taken);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> sample : samples) {
            all.add(sample.get());
        }
        pool.shutdown();
        long[] merged = all.stream().flatMapToLong(java.util.Arrays::stream).toArray();
        Percentiles latency = new Percentiles(merged);
        return new Result(name)
                .parameter("threads", threads).parameter("seconds", each.toSeconds())
                .figure("requestsPerSecond", merged.length / (double) each.toSeconds())
                .figure("p50Ms", latency.millis(50))
                .figure("p99Ms", latency.millis(99))
                .figure("non2xx", failures.get());
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TOKEN).GET().build();
    }

    private static HttpRequest post(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
