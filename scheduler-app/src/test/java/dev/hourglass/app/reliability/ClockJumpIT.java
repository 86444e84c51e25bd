package dev.hourglass.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hourglass.app.ApiClient;
import dev.hourglass.app.Main;
import dev.hourglass.app.RunningService;
import dev.hourglass.app.ServiceConfig;
import dev.hourglass.app.StubWebhook;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service on a clock that an operator steps: a day forward, then an hour back, while a
 * heartbeat job fires every second and twenty hourly jobs wait. The jump forward must not fire the
 * hourly jobs in a burst (they are re-planned 5 s apart) and the jump back must not stall the
 * heartbeat for an hour.
 */
class ClockJumpIT {

    private static final int HOURLY_JOBS = 20;

    @TempDir
    Path dir;

    private final StubWebhook webhook = new StubWebhook();
    private final SteppedClock clock = new SteppedClock();
    private RunningService service;

    ClockJumpIT() throws Exception {
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        webhook.close();
    }

    @Test
    void a_clock_stepped_a_day_forward_and_an_hour_back_neither_bursts_nor_stalls() throws Exception {
        service = Main.start(ServiceConfig.defaults(dir.resolve("jumps.db"))
                .withWebhook(webhook.url(), Duration.ofSeconds(5)), clock);
        ApiClient api = new ApiClient(service.url() + "/ui/api/scheduler", null);
        api.create("{\"name\":\"heartbeat\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":1000},\"task\":\"beat\"}");
        List<String> hourly = new ArrayList<>();
        for (int i = 0; i < HOURLY_JOBS; i++) {
            hourly.add(api.create("{\"name\":\"hourly-" + i + "\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":3600000},"
                    + "\"task\":\"h\"}"));
        }
        assertThat(webhook.awaitRequest(30)).as("the heartbeat fires").isNotNull();

        long forward = System.nanoTime();
        clock.step(Duration.ofDays(1));
        Thread.sleep(12_000);

        assertThat(fires("hourly-", forward)).as("hourly fires within 12 s of the jump forward: 5 s apart, no burst")
                .isBetween(1L, 3L);
        assertThat(fires("heartbeat", forward)).as("heartbeats within 12 s of the jump forward").isGreaterThanOrEqualTo(6);
        List<Instant> planned = new ArrayList<>();
        for (String id : hourly) {
            JsonNode next = api.job(id).get("nextRunAt");
            if (!next.isNull()) {
                planned.add(Instant.parse(next.asText()));
            }
        }
        planned.sort(null);
        for (int i = 1; i < planned.size(); i++) {
            assertThat(Duration.between(planned.get(i - 1), planned.get(i)))
                    .as("skipped fires are re-planned 5 s apart").isGreaterThanOrEqualTo(Duration.ofMillis(4_900));
        }

        long back = System.nanoTime();
        clock.step(Duration.ofHours(-1));
        Thread.sleep(8_000);

        assertThat(fires("heartbeat", back)).as("heartbeats within 8 s of the jump back: no stall").isGreaterThanOrEqualTo(4);
        assertThat(fires("hourly-", back)).as("hourly fires within 8 s of the jump back").isLessThanOrEqualTo(1);
    }

    private long fires(String namePrefix, long sinceNanos) {
        return webhook.received().stream()
                .filter(request -> request.receivedAtNanos() >= sinceNanos)
                .filter(request -> request.body().contains("\"jobName\":\"" + namePrefix))
                .count();
    }

    /** The system clock plus an offset that the test steps, as an operator or NTP steps a host clock. */
    private static final class SteppedClock extends Clock {

        private volatile Duration offset = Duration.ZERO;

        void step(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the stepped clock is UTC only");
        }
    }
}
