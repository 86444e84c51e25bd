package dev.hourglass.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.app.ApiClient;
import dev.hourglass.app.Await;
import dev.hourglass.app.Main;
import dev.hourglass.app.RunningService;
import dev.hourglass.app.ServiceConfig;
import dev.hourglass.app.StubWebhook;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service on a clock that an operator steps: a day forward, then an hour back, while a
 * heartbeat job fires every second and twenty hourly jobs wait. The jump forward must not fire the
 * hourly jobs in a burst (they are re-planned apart, in their old order) and the jump back must not
 * stall the heartbeat for an hour nor make anything due.
 *
 * <p>Everything is told by the plans the service made, from the API ({@code nextRunAt}) and from
 * the deliveries ({@code plannedAt}, {@code firedAt}), on the service's own clock; nothing counts
 * fires in a window of the test's time. A job fires only when its plan is due, so a plan proves
 * what will not happen.
 */
class ClockJumpIT {

    private static final int HOURLY_JOBS = 20;
    private static final Duration HOUR = Duration.ofHours(1);
    /** The spacing of re-planned missed fires (CONTRACT §5); a catch-up window may make it shorter. */
    private static final Duration SPACING = Duration.ofSeconds(5);
    private static final Duration GIVE_UP = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final StubWebhook webhook = new StubWebhook();
    private final SteppedClock clock = new SteppedClock();
    private RunningService service;

    ClockJumpIT() throws Exception {
    }

    /** A webhook delivery as the service described it. */
    record Delivery(String jobId, Instant plannedAt, Instant firedAt) {
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
        String heartbeat = api.create(
                "{\"name\":\"heartbeat\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":1000},\"task\":\"beat\"}");
        List<String> hourly = new ArrayList<>();
        for (int i = 0; i < HOURLY_JOBS; i++) {
            hourly.add(api.create("{\"name\":\"hourly-" + i + "\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":3600000},"
                    + "\"task\":\"h\"}"));
        }
        assertThat(webhook.awaitRequest(30)).as("the heartbeat fires").isNotNull();
        Map<String, Instant> plannedBeforeTheJump = nextRuns(api, hourly);

        // A day forward: every job's fire is skipped over. Any clock reading after the step is at
        // least `forward`, any reading before it less.
        Instant forward = clock.instant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
        clock.step(Duration.ofDays(1));

        // No hourly job was due before the jump, so each of their fires is claimed after it: the
        // plan each one fires on, or will, must come from the jump, not from the missed instant.
        awaitDelivery("a heartbeat planned after the jump forward", heartbeat, 0,
                delivery -> !delivery.plannedAt().isBefore(forward));
        Map<String, Instant> replanned = Await.until("every hourly job re-planned or fired after the jump", GIVE_UP,
                () -> plansAfter(api, hourly, forward),
                plans -> hourly.stream().noneMatch(id -> plans.get(id).equals(plannedBeforeTheJump.get(id))));
        Instant seenAt = clock.instant();
        List<Instant> order = hourly.stream()
                .sorted(Comparator.comparing(plannedBeforeTheJump::get).thenComparing(replanned::get))
                .map(replanned::get).toList();
        for (String id : hourly) {
            assertThat(replanned.get(id)).as("%s is re-planned from the jump, not fired on its missed instant", id)
                    .isAfterOrEqualTo(forward)
                    .isBeforeOrEqualTo(seenAt.plus(SPACING.multipliedBy(HOURLY_JOBS + 1)));
        }
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < order.size(); i++) {
            gaps.add(Duration.between(order.get(i - 1), order.get(i)));
        }
        assertThat(gaps).as("missed fires re-planned apart in their old order: no burst").allSatisfy(gap -> assertThat(gap)
                .isPositive().isLessThanOrEqualTo(SPACING)
                .isBetween(gaps.get(0).minusMillis(1), gaps.get(0).plusMillis(1)));

        // An hour back: the plans made on the later clock now lie an hour further out than the schedules
        // would plan. Any reading after the step is at least `back`.
        Instant back = clock.instant().minus(HOUR).truncatedTo(ChronoUnit.MILLIS);
        int mark = webhook.received().size();
        clock.step(HOUR.negated());

        // Its plan was on the later clock (at or after `forward`): a fire planned before that was
        // re-planned from the earlier clock, rather than left to wait an hour.
        awaitDelivery("a heartbeat planned on the clock after the jump back, rather than an hour later", heartbeat,
                mark, delivery -> delivery.plannedAt().isBefore(forward));
        // The same re-planning moved the hourly jobs back onto their grids; one of them may still be
        // recording a run, so the plans are read until they settle, and must then lie within one
        // interval of the jump back: none in the past, none left an hour further out than that.
        Await.until("every hourly job planned within an hour of the jump back", GIVE_UP, () -> {
            Map<String, Instant> next = nextRuns(api, hourly);
            Instant seenBack = clock.instant();
            return next.entrySet().stream()
                    .filter(plan -> !plan.getValue().isAfter(back) || plan.getValue().isAfter(seenBack.plus(HOUR)))
                    .map(plan -> plan.getKey() + " at " + plan.getValue() + ", clock " + seenBack)
                    .toList();
        }, List::isEmpty);
    }

    /** Each job's {@code nextRunAt}, from one listing. */
    private static Map<String, Instant> nextRuns(ApiClient api, List<String> ids) throws Exception {
        Map<String, Instant> next = new HashMap<>();
        for (JsonNode job : api.get("").body().get("jobs")) {
            String id = job.get("id").asText();
            if (ids.contains(id)) {
                assertThat(job.get("nextRunAt").isNull()).as("%s has a next run", job).isFalse();
                next.put(id, Instant.parse(job.get("nextRunAt").asText()));
            }
        }
        assertThat(next.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        return next;
    }

    /**
     * What each job was planned for after {@code since}: the planned instant of its first delivery
     * fired since then, or, if it has not fired since, its {@code nextRunAt}. The listing comes first
     * and the deliveries after it, so a fire between the two is seen as a delivery.
     */
    private Map<String, Instant> plansAfter(ApiClient api, List<String> ids, Instant since) throws Exception {
        Map<String, Instant> plans = nextRuns(api, ids);
        List<Delivery> deliveries = deliveriesSince(0);
        for (String id : ids) {
            deliveries.stream()
                    .filter(delivery -> delivery.jobId().equals(id) && !delivery.firedAt().isBefore(since))
                    .findFirst()
                    .ifPresent(delivery -> plans.put(id, delivery.plannedAt()));
        }
        return plans;
    }

    private Delivery awaitDelivery(String what, String jobId, int fromIndex, Predicate<Delivery> matching)
            throws Exception {
        return Await.until(what, GIVE_UP,
                () -> deliveriesSince(fromIndex).stream()
                        .filter(delivery -> delivery.jobId().equals(jobId) && matching.test(delivery))
                        .findFirst(),
                Optional::isPresent).orElseThrow();
    }

    /** The deliveries the webhook received, in order, from the {@code fromIndex}-th on. */
    private List<Delivery> deliveriesSince(int fromIndex) {
        List<StubWebhook.Received> received = webhook.received();
        return received.subList(Math.min(fromIndex, received.size()), received.size()).stream()
                .map(ClockJumpIT::delivery)
                .toList();
    }

    private static Delivery delivery(StubWebhook.Received request) {
        try {
            JsonNode body = JSON.readTree(request.body());
            return new Delivery(body.get("jobId").asText(), Instant.parse(body.get("plannedAt").asText()),
                    Instant.parse(body.get("firedAt").asText()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
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
