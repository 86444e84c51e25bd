package dev.hourglass.app.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The packaged jar as an operator starts it: time to the ready line, and resident memory when idle. */
final class StartupWorkload {

    private StartupWorkload() {
    }

    static Result run(Path dir, Path jar, int runs) throws Exception {
        long best = Long.MAX_VALUE;
        long total = 0;
        long idleRss = -1;
        for (int i = 0; i < runs; i++) {
            Path db = dir.resolve("startup-" + i + ".db");
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                    jar.toString(), "--port", "0", "--db", db.toString());
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line = out.readLine();
                long elapsed = System.nanoTime() - start;
                if (line == null || !line.startsWith("Hourglass listening on")) {
                    throw new IllegalStateException("the service did not start: " + line);
                }
                best = Math.min(best, elapsed);
                total += elapsed;
                EngineWorkloads.awaitInstant(java.time.Instant.now().plusSeconds(2));
                idleRss = Memory.residentMegabytes(process.pid());
            } finally {
                process.destroy();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
        return new Result("startup")
                .parameter("runs", runs)
                .figure("toListeningMsBest", best / 1e6)
                .figure("toListeningMsMean", total / 1e6 / runs)
                .figure("idleRssMb", idleRss);
    }
}
