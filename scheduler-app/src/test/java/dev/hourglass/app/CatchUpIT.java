package dev.hourglass.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fires missed while the service was down (CONTRACT §5), through the packaged jar: after the
 * restart they are re-planned from now in their old order, 5 s apart but never spread over more
 * than {@code --catch-up-window}; an interval job's catch-up fire leaves its grid where it was.
 */
class CatchUpIT {

    private static final String TOKEN = "catch-up-token";
    private static final Duration GIVE_UP = Duration.ofSeconds(30);
    private static final int MISSED = 31;
    private static final Duration WINDOW = Duration.ofSeconds(6);
    private static final long GRID_MS = 2_000;

    @TempDir
    Path dir;

    private ServiceProcess service;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void many_missed_fires_share_the_catch_up_window_in_their_old_order_and_a_grid_stays_put() throws Exception {
        ApiClient api = start();
        Instant due = Instant.now().plusSeconds(3);
        List<String> oneShots = new ArrayList<>();
        for (int i = 0; i < MISSED; i++) {
            oneShots.add(api.create("{\"name\":\"missed-" + i + "\",\"schedule\":{\"kind\":\"at\",\"at\":\""
                    + due.plusMillis(i) + "\"},\"task\":\"t\"}"));
        }
        String interval = api.create("{\"name\":\"on-a-grid\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":"
                + GRID_MS + "},\"task\":\"t\"}");
        Instant anchor = Instant.parse(api.job(interval).get("createdAt").asText());
        service.kill();
        Await.until("the one-shots' instant to pass by more than a second while nothing runs", GIVE_UP,
                () -> Instant.now().isAfter(due.plusSeconds(2)));

        Instant restartedAt = Instant.now();
        ApiClient restarted = start();

        List<Instant> plans = new ArrayList<>();
        for (String id : oneShots) {
            plans.add(planOf(restarted, id));
        }
        assertThat(plans).as("re-planned in their old order").isSorted();
        assertThat(plans.get(0)).isAfterOrEqualTo(restartedAt.minusMillis(1));
        assertThat(Duration.between(plans.get(0), plans.get(MISSED - 1))).as("spread over the window, not 150 s")
                .isLessThanOrEqualTo(WINDOW);
        Duration spacing = Duration.between(plans.get(0), plans.get(1));
        assertThat(spacing).isPositive().isLessThan(Duration.ofSeconds(5));
        for (int i = 1; i < MISSED; i++) {
            assertThat(Duration.between(plans.get(i - 1), plans.get(i))).as("gap %d", i)
                    .isBetween(spacing.minusMillis(1), spacing.plusMillis(1));
        }

        JsonNode afterCatchUp = Await.until("the interval job's catch-up fire", GIVE_UP, () -> restarted.job(interval),
                job -> job.get("runCount").asInt() >= 1 && !job.get("nextRunAt").isNull());
        long sinceAnchor = Duration.between(anchor, Instant.parse(afterCatchUp.get("nextRunAt").asText())).toMillis();
        assertThat(sinceAnchor % GRID_MS).as("the next fire is a slot of the grid through its creation").isZero();
    }

    /** The instant a job is planned for: its next run, or, once it ran, the planned instant of that run. */
    private static Instant planOf(ApiClient api, String id) throws Exception {
        JsonNode job = api.job(id);
        if (!job.get("nextRunAt").isNull()) {
            return Instant.parse(job.get("nextRunAt").asText());
        }
        JsonNode runs = Await.until("a run of " + id, GIVE_UP, () -> api.get("/" + id + "/runs").body().get("runs"),
                found -> !found.isEmpty());
        return Instant.parse(runs.get(runs.size() - 1).get("plannedAt").asText());
    }

    private ApiClient start() throws Exception {
        service = ServiceProcess.start(dir, "--port", "0", "--db", dir.resolve("scheduler.db").toString(),
                "--token", TOKEN, "--catch-up-window", WINDOW.toSeconds() + "s");
        return new ApiClient(service.api(), TOKEN);
    }
}
