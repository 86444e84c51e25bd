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
    /** A job's id in a listing: the first field of each job object. */
    private static final Pattern JOB_ID = Pattern.compile("\\{\"id\":\"([^\"]+)\"");
    private static final Pattern NEXT_CURSOR = Pattern.compile("\"nextCursor\":\"([^\"]+)\"");

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

    /**
     * The API at a steady rate instead of flat out (issue 16's figure): {@code jobs} stored, then
     * {@code rate} requests a second for {@code each}, spread over a few kept-alive connections, for
     * {@code GET} of one job and for a page of 100 of the newest. Each latency counts from the
     * instant the request was due, not from when it was sent, so a stall delays the requests behind
     * it in the figures too (no coordinated omission).
     */
    static List<Result> paced(Path dir, int jobs, int rate, Duration each) throws Exception {
        ServiceConfig config = ServiceConfig.defaults(dir.resolve("api-paced.db")).withToken(TOKEN);
        try (RunningService service = Main.start(config)) {
            String base = service.url() + "/ui/api/scheduler";
            createConcurrently(base, jobs);
            List<String> ids = listIds(base);
            String path = URI.create(base).getPath();
            List<Result> results = new ArrayList<>();
            results.add(measurePaced("api paced GET one", base, rate, each,
                    n -> new Call("GET", path + "/" + ids.get(n % ids.size()), null)));
            results.add(measurePaced("api paced GET page of 100", base, rate, each,
                    n -> new Call("GET", path + "?limit=100", null)));
            results.forEach(result -> result.parameter("requestsPerSecondOffered", rate));
            // How many pages a second the service manages flat out: the paced figure's headroom.
            results.add(measure("api GET page of 100", base, 8, each, n -> new Call("GET", path + "?limit=100", null)));
            results.forEach(result -> result.parameter("jobsStored", jobs));
            return results;
        }
    }

    private static void createConcurrently(String base, int jobs) throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> created = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            created.add(pool.submit((Callable<Void>) () -> {
                try (KeepAliveClient client = new KeepAliveClient(URI.create(base), TOKEN)) {
                    for (int i = first; i < jobs; i += threads) {
                        String body = "{\"name\":\"paced-" + i + "\",\"schedule\":{\"kind\":\"every\","
                                + "\"intervalMs\":3600000},\"task\":\"t\"}";
                        if (client.send("POST", URI.create(base).getPath(), body) != 201) {
                            throw new IllegalStateException("create failed for job " + i);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> part : created) {
            part.get();
        }
        pool.shutdown();
    }

    /** Every job's id, read through the listing a page at a time. */
    private static List<String> listIds(String base) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            String page = send(client, HttpRequest.newBuilder(URI.create(base + "?limit=1000"
                    + (cursor == null ? "" : "&cursor=" + cursor))).header("Authorization", "Bearer " + TOKEN).build()).body();
            Matcher id = JOB_ID.matcher(page);
            while (id.find()) {
                ids.add(id.group(1));
            }
            Matcher next = NEXT_CURSOR.matcher(page);
            cursor = next.find() ? next.group(1) : null;
        } while (cursor != null);
        return ids;
    }

    private static Result measurePaced(String name, String base, int rate, Duration each, IntFunction<Call> calls)
            throws Exception {
        int connections = 8;
        long intervalNanos = 1_000_000_000L * connections / rate;
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        AtomicInteger failures = new AtomicInteger();
        double cpuBefore = Cpu.processSeconds();
        long start = System.nanoTime() + 100_000_000L;
        long end = start + each.toNanos();
        List<Future<long[]>> samples = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            long offset = intervalNanos * c / connections;
            int first = c;
            samples.add(pool.submit((Callable<long[]>) () -> {
                try (KeepAliveClient client = new KeepAliveClient(URI.create(base), TOKEN)) {
                    long[] micros = new long[(int) (each.toNanos() / intervalNanos) + 2];
                    int taken = 0;
                    for (long due = start + offset; due < end && taken < micros.length; due += intervalNanos) {
                        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                        Call call = calls.apply(first + taken * connections);
                        if (client.send(call.method(), call.path(), call.body()) >= 300) {
                            failures.incrementAndGet();
                        }
                        micros[taken++] = (System.nanoTime() - due) / 1000;
                    }
                    return Arrays.copyOf(micros, taken);
                }
            }));
        }
        return summary(name, pool, samples, each, failures, cpuBefore).parameter("connections", connections);
    }

    /** One request of a workload; each client thread numbers its requests n, n + 2·threads, ... */
    private record Call(String method, String path, String body) {
    }

    private static Result measure(String name, String base, int threads, Duration each, IntFunction<Call> calls)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger failures = new AtomicInteger();
        double cpuBefore = Cpu.processSeconds();
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
        return summary(name, pool, samples, each, failures, cpuBefore).parameter("threads", threads);
    }

    /** The latencies every client thread took, merged once they are all done. */
    private static Result summary(String name, ExecutorService pool, List<Future<long[]>> samples, Duration each,
            AtomicInteger failures, double cpuBefore) throws Exception {
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> sample : samples) {
            all.add(sample.get());
        }
        pool.shutdown();
        double cpuSeconds = Cpu.processSeconds() - cpuBefore;
        long[] merged = all.stream().flatMapToLong(Arrays::stream).toArray();
        Percentiles latency = new Percentiles(merged);
        return new Result(name).parameter("seconds", each.toSeconds())
                // Server and client together: the client's share is the same whatever the server does.
                .figure("cpuMsPerRequest", Math.round(cpuSeconds * 1e6 / Math.max(1, merged.length)) / 1000.0)
                .figure("requestsPerSecond", merged.length / (double) each.toSeconds())
                .figure("p50Ms", latency.millis(50))
                .figure("p99Ms", latency.millis(99))
                .figure("maxMs", latency.maxMillis())
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
