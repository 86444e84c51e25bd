package dev.hourglass.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged service in its own process, as an operator runs it: {@code java -jar scheduler-app.jar}. */
public final class ServiceProcess implements AutoCloseable {

    static final Path JAR = Path.of("target", "scheduler-app.jar");
    private static final Pattern READY = Pattern.compile("Hourglass listening on (http://\\S+)");
    private static final long START_SECONDS = 60;

    private final Process process;
    private final Path stderr;
    private final String url;

    private ServiceProcess(Process process, Path stderr, String url) {
        this.process = process;
        this.stderr = stderr;
        this.url = url;
    }

    /** Starts the jar and waits for its ready line. */
    public static ServiceProcess start(Path workDir, String... args) throws Exception {
        return start(workDir, List.of(), args);
    }

    /** Starts the jar with JVM options (such as {@code -Xmx}) and waits for its ready line. */
    public static ServiceProcess start(Path workDir, List<String> jvmOptions, String... args) throws Exception {
        Path stderr = Files.createTempFile(workDir, "service", ".err");
        Process process = builder(jvmOptions, args).redirectError(stderr.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher matcher = READY.matcher(line);
                    if (matcher.find()) {
                        return matcher.group(1);
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        String url = ready.get(START_SECONDS, TimeUnit.SECONDS);
        if (url == null) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("the service did not start:\n" + Files.readString(stderr));
        }
        return new ServiceProcess(process, stderr, url);
    }

    /** Runs the jar to completion: for options that exit at once. */
    static Finished runToExit(String... args) throws Exception {
        Process process = builder(List.of(), args).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        if (!process.waitFor(START_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the service did not exit");
        }
        return new Finished(process.exitValue(), out.get(), err.get());
    }

    record Finished(int exitCode, String stdout, String stderr) {
    }

    public String url() {
        return url;
    }

    public String api() {
        return url + "/ui/api/scheduler";
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the process gets no chance to clean up, as in a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, as a service manager stops it; returns the exit code. */
    public int terminate(long seconds) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the service did not stop within " + seconds + " s");
        }
        return process.exitValue();
    }

    public String log() throws IOException {
        return Files.readString(stderr);
    }

    /** The resident set size of the process in KiB, from {@code /proc}; -1 where there is no {@code /proc}. */
    public long rssKib() throws IOException {
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        if (!Files.exists(status)) {
            return -1;
        }
        return Files.readAllLines(status).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                .findFirst()
                .orElse(-1);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    private static ProcessBuilder builder(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(JAR.toAbsolutePath().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("SCHEDULER_"));
        return builder;
    }

    private static String read(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
