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
import java.util.Arrays;
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
            String path = URI.create(base).getPath();
            List<Result> results = new ArrayList<>();
            results.add(measure("api GET list", base, threads, each, n -> new Call("GET", path, null)));
            results.add(measure("api GET one", base, threads, each,
                    n -> new Call("GET", path + "/" + ids.get(n % ids.size()), null)));
            results.add(measure("api pause/resume", base, threads, each, n -> new Call("POST",
                    path + "/" + ids.get((n / 2) % ids.size()) + (n % 2 == 0 ? "/pause" : "/resume"), "{}")));
            results.forEach(result -> result.parameter("jobsStored", jobs));
            return results;
        }
    }

    /** One request of a workload; each client thread numbers its requests n, n + 2·threads, ... */
    private record Call(String method, String path, String body) {
    }

    private static Result measure(String name, String base, int threads, Duration each, IntFunction<Call> calls)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger failures = new AtomicInteger();
        long end = System.nanoTime() + each.toNanos();
        List<Future<long[]>> samples = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t * 2;
            samples.add(pool.submit((Callable<long[]>) () -> {
                try (KeepAliveClient client = new KeepAliveClient(URI.create(base), TOKEN)) {
                    return latenciesMicros(client, calls, first, threads * 2, end, failures);
                }
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> sample : samples) {
            all.add(sample.get());
        }
        pool.shutdown();
        long[] merged = all.stream().flatMapToLong(Arrays::stream).toArray();
        Percentiles latency = new Percentiles(merged);
        return new Result(name)
                .parameter("threads", threads).parameter("seconds", each.toSeconds())
                .figure("requestsPerSecond", merged.length / (double) each.toSeconds())
                .figure("p50Ms", latency.millis(50))
                .figure("p99Ms", latency.millis(99))
                .figure("non2xx", failures.get());
    }

    private static long[] latenciesMicros(KeepAliveClient client, IntFunction<Call> calls, int first, int step,
            long endNanos, AtomicInteger failures) throws Exception {
        long[] micros = new long[1 << 16];
        int taken = 0;
        for (int n = first; System.nanoTime() < endNanos; n += step) {
            Call call = calls.apply(n);
            long start = System.nanoTime();
            if (client.send(call.method(), call.path(), call.body()) >= 300) {
                failures.incrementAndGet();
            }
            if (taken == micros.length) {
                micros = Arrays.copyOf(micros, micros.length * 2);
            }
            micros[taken++] = (System.nanoTime() - start) / 1000;
        }
        return Arrays.copyOf(micros, taken);
    }

    private static HttpRequest post(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
