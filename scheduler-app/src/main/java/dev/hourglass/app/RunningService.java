package dev.hourglass.app;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started service: where it listens, and how to stop it. Stopping closes the parts in order
 * (HTTP first, so no request lands after the engine stops; the store last) and happens once.
 */
public final class RunningService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningService.class);

    private final String host;
    private final int port;
    private final List<AutoCloseable> stopOrder;
    private final AtomicBoolean closed = new AtomicBoolean();

    RunningService(String host, int port, List<AutoCloseable> stopOrder) {
        this.host = host;
        this.port = port;
        this.stopOrder = List.copyOf(stopOrder);
    }

    public int port() {
        return port;
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:7070}. */
    public String url() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("stopping: no new requests, no new fires; waiting for running tasks");
        for (AutoCloseable part : stopOrder) {
            try {
                part.close();
            } catch (Exception e) {
                LOG.error("failed to stop {} cleanly", part.getClass().getSimpleName(), e);
            }
        }
        LOG.info("stopped");
    }
}
