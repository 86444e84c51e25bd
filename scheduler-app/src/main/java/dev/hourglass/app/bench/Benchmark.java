package dev.hourglass.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import dev.hourglass.persistence.sqlite.SqliteOptions;

/**
 * {@code java -jar scheduler-app.jar bench}: the engine and the API measured on this machine, on a
 * temporary SQLite file, printed as a table and written as JSON.
 */
@Command(name = "java -jar scheduler-app.jar bench", mixinStandardHelpOptions = true,
        description = "Measures Hourglass on this machine: W1 burst, batch create, W2 lag, W3 recurring, api, startup.")
public final class Benchmark implements Callable<Integer> {

    @Option(names = "--workload", defaultValue = "all", paramLabel = "W1|batch|W2|W3|api|startup|all",
            description = "Which workload to run. Default: ${DEFAULT-VALUE}")
    String workload;

    @Option(names = "--out", defaultValue = "bench-results.json", paramLabel = "FILE",
            description = "Where to write the JSON results. Default: ${DEFAULT-VALUE}")
    Path out;

    @Option(names = "--sync", defaultValue = "full", paramLabel = "full|normal",
            description = "SQLite's synchronous mode for the engine workloads, as the service's --sync. "
                    + "Default: ${DEFAULT-VALUE}")
    String sync;

    @Option(names = "--db", paramLabel = "URL",
            description = "Run W1, W2 and W3 on a PostgreSQL server (postgresql://user@host:port/name, password from "
                    + "SCHEDULER_DB_PASSWORD) instead of SQLite; each workload makes and drops a database of its own")
    String db;

    @Option(names = "--instances", defaultValue = "1", paramLabel = "N",
            description = "With --db: engines sharing the database, in this process, each with its own pool. "
                    + "Default: ${DEFAULT-VALUE}")
    int instances;

    private final PrintStream console;

    private Benchmark(PrintStream console) {
        this.console = console;
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Benchmark(out));
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        return cli.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        quietLogs();
        String chosen = workload.toLowerCase(Locale.ROOT);
        if (!sync.equals("full") && !sync.equals("normal")) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--sync must be full or normal");
        }
        SqliteOptions options = SqliteOptions.defaults().withSyncEveryCommit(sync.equals("full"));
        Path dir = EngineWorkloads.tempDir();
        if (instances < 1 || instances > 1 && db == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--instances must be 1, or more with --db");
        }
        BenchStores stores = db == null ? BenchStores.sqlite(dir, options)
                : BenchStores.postgres(db, System.getenv("SCHEDULER_DB_PASSWORD"), instances);
        List<Result> results = new ArrayList<>();
        if (chosen.equals("startup") || chosen.equals("all")) {
            results.add(StartupWorkload.run(dir, ownJar(), 5));
        }
        if (chosen.equals("w1") || chosen.equals("all")) {
            results.add(EngineWorkloads.burst(stores, 10_000));
        }
        if (chosen.equals("batch") || chosen.equals("all")) {
            results.add(EngineWorkloads.batchCreate(stores, 10_000, 1_000));
        }
        if (chosen.equals("w2") || chosen.equals("all")) {
            results.add(EngineWorkloads.lag(stores, 2_000, Duration.ofSeconds(10)));
        }
        if (chosen.equals("w3") || chosen.equals("all")) {
            results.add(EngineWorkloads.recurring(stores, 500, Duration.ofSeconds(20)));
        }
        if (chosen.equals("api") || chosen.equals("all")) {
            results.addAll(ApiWorkload.run(dir, 1_000, 16, Duration.ofSeconds(10)));
            results.addAll(ApiWorkload.paced(dir, 10_000, 1_000, Duration.ofSeconds(10)));
        }
        if (results.isEmpty()) {
            throw new CommandLine.ParameterException(new CommandLine(this), "unknown workload '" + workload + "'");
        }
        print(results);
        write(results);
        return 0;
    }

    private void print(List<Result> results) {
        console.println(machine());
        for (Result result : results) {
            console.printf("%-18s %s%n", result.workload, result.parameters);
            result.figures.forEach((name, value) -> console.printf("    %-20s %s%n", name, value));
        }
        console.println("JSON written to " + out.toAbsolutePath());
    }

    private void write(List<Result> results) throws Exception {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("machine", machine());
        List<Map<String, Object>> items = new ArrayList<>();
        for (Result result : results) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("workload", result.workload);
            item.put("parameters", result.parameters);
            item.put("figures", result.figures);
            items.add(item);
        }
        document.put("results", items);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), document);
    }

    private static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return machine;
    }

    private static Path ownJar() throws Exception {
        return Path.of(Benchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static void quietLogs() {
        var root = LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }
}
