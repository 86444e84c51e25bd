package dev.hourglass.app.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hourglass.app.ApiClient;
import dev.hourglass.app.ServiceProcess;
import dev.hourglass.app.StubWebhook;
import dev.hourglass.persistence.postgres.TestPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Instances of the packaged jar on one fresh PostgreSQL database (the shared {@link TestPostgres}
 * server), every one delivering to one webhook stub, with a 3 s lease and a 1 s heartbeat so that a
 * takeover is a matter of seconds. Slots are numbered from 0; a slot's process can be killed and
 * started again.
 */
final class Cluster implements AutoCloseable {

    static final String LEASE = "3s";
    static final String HEARTBEAT = "1s";

    final TestPostgres postgres = TestPostgres.shared();
    final TestPostgres.Database database;
    final StubWebhook webhook;
    private final Path dir;
    private final List<ServiceProcess> nodes;
    private final List<String> extra;

    private Cluster(Path dir, Class<?> owner, int size, List<String> extra) throws IOException {
        this.dir = dir;
        this.database = postgres.createDatabase(owner);
        this.webhook = new StubWebhook();
        this.nodes = new ArrayList<>(Collections.nCopies(size, null));
        this.extra = List.copyOf(extra);
    }

    /** A cluster of {@code size} instances, not started yet. */
    static Cluster of(Path dir, Class<?> owner, int size, String... extra) throws IOException {
        return new Cluster(dir, owner, size, List.of(extra));
    }

    /** Starts every slot at the same moment and waits until all are ready. */
    Cluster startAll() throws Exception {
        List<CompletableFuture<ServiceProcess>> starting = new ArrayList<>();
        for (int slot = 0; slot < nodes.size(); slot++) {
            int s = slot;
            starting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return launch(s);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (int slot = 0; slot < nodes.size(); slot++) {
            nodes.set(slot, starting.get(slot).join());
        }
        return this;
    }

    /** Starts (again) the instance of {@code slot}; it gets a fresh instance id. */
    ServiceProcess start(int slot) throws Exception {
        nodes.set(slot, launch(slot));
        return nodes.get(slot);
    }

    private ServiceProcess launch(int slot) throws Exception {
        List<String> args = new ArrayList<>(List.of("--db", url(), "--port", "0", "--runner", "webhook",
                "--webhook-url", webhook.url().toString(), "--webhook-timeout", "60s", "--lease", LEASE,
                "--heartbeat", HEARTBEAT, "--instance-name", "node-" + slot, "--shutdown-grace", "1s"));
        args.addAll(extra);
        return ServiceProcess.start(dir, args.toArray(String[]::new));
    }

    /** {@code postgresql://user@host:port/name}, as a user passes it to {@code --db}. */
    String url() {
        String user = database.credentials().getProperty("user", "hourglass");
        return database.jdbcUrl().replace("jdbc:postgresql://", "postgresql://" + user + "@");
    }

    int size() {
        return nodes.size();
    }

    ServiceProcess node(int slot) {
        return nodes.get(slot);
    }

    ApiClient api(int slot) {
        return new ApiClient(nodes.get(slot).api(), null);
    }

    /** The instance id of the process now in {@code slot}. */
    String instanceId(int slot) throws Exception {
        return cluster(slot).get("self").asText();
    }

    JsonNode cluster(int slot) throws Exception {
        return api(slot).get("/cluster").body();
    }

    /** The instance in {@code slot}'s view of the cluster with id {@code id}, or null. */
    JsonNode member(int slot, String id) throws Exception {
        for (JsonNode instance : cluster(slot).get("instances")) {
            if (instance.get("id").asText().equals(id)) {
                return instance;
            }
        }
        return null;
    }

    /** The slot of the live process with instance id {@code id}, or -1. */
    int slotOf(String id) throws Exception {
        for (int slot = 0; slot < nodes.size(); slot++) {
            if (nodes.get(slot) != null && nodes.get(slot).isAlive() && instanceId(slot).equals(id)) {
                return slot;
            }
        }
        return -1;
    }

    /** A job's run history (newest first, up to 100), read through {@code slot}. */
    List<JsonNode> runs(int slot, String jobId) throws Exception {
        List<JsonNode> runs = new ArrayList<>();
        api(slot).get("/" + jobId + "/runs?limit=100").body().get("runs").forEach(runs::add);
        return runs;
    }

    String logs() throws IOException {
        StringBuilder all = new StringBuilder();
        for (int slot = 0; slot < nodes.size(); slot++) {
            if (nodes.get(slot) != null) {
                all.append("---- node-").append(slot).append('\n').append(nodes.get(slot).log());
            }
        }
        return all.toString();
    }

    static String every(String name, long intervalMs) {
        return "{\"name\":\"" + name + "\",\"task\":\"t\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":" + intervalMs
                + "}}";
    }

    @Override
    public void close() throws Exception {
        for (ServiceProcess node : nodes) {
            if (node != null) {
                node.close();
            }
        }
        webhook.close();
        postgres.dropDatabase(database);
    }
}
