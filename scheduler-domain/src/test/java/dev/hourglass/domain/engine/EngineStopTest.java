package dev.hourglass.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.domain.Hourglass;
import dev.hourglass.domain.model.InstanceInfo;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.RunStatus;
import dev.hourglass.domain.port.in.CreateJobCommand;
import dev.hourglass.domain.port.out.RunOutcome;
import dev.hourglass.domain.schedule.ScheduleSpec;
import dev.hourglass.domain.testing.InMemoryStore;
import dev.hourglass.domain.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A stopping instance keeps its lease while its running tasks finish in the shutdown grace, so no
 * other instance takes those runs over and runs them a second time.
 */
class EngineStopTest {

    private static final long GIVE_UP_SECONDS = 20;
    private static final Duration HEARTBEAT = Duration.ofMillis(20);
    private static final Duration LEASE = Duration.ofMillis(200);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T10:00:00Z"));
    private final InMemoryStore store = new InMemoryStore();

    @Test
    void a_stopping_instance_renews_its_lease_until_its_running_tasks_have_finished() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Hourglass stopping = instance("stopping", request -> {
            started.countDown();
            finish.await();
            return RunOutcome.ok("finished in the grace");
        });
        Job job = stopping.useCases().create().create(CreateJobCommand.of("long", ScheduleSpec.every(1_000), "t"));
        stopping.start();
        clock.advance(Duration.ofSeconds(1));
        stopping.useCases().create().create(CreateJobCommand.of("wake-up", ScheduleSpec.every(3_600_000), "t"));
        assertThat(started.await(GIVE_UP_SECONDS, TimeUnit.SECONDS)).as("the run started").isTrue();
        // The other instance starts only once the first one's heartbeat has caught up with the clock.
        awaitHeartbeatAt(stopping, clock.instant());
        CompletableFuture<Void> closing = CompletableFuture.runAsync(stopping::close);
        Hourglass other = instance("other", request -> RunOutcome.ok("second run"));
        other.recover();

        clock.advance(LEASE.multipliedBy(5));
        Instant afterTheStep = clock.instant();
        awaitHeartbeatAt(stopping, afterTheStep);

        assertThat(other.heartbeat()).as("runs taken over from a stopping instance").isZero();
        finish.countDown();
        closing.get(GIVE_UP_SECONDS, TimeUnit.SECONDS);
        assertThat(store.runsOf(job.id(), 10)).extracting(run -> run.status()).containsExactly(RunStatus.OK);
        assertThat(store.find(job.id()).orElseThrow().claim()).isNull();
        assertThat(store.instances(clock.instant(), LEASE)).filteredOn(i -> i.id().equals(stopping.instanceId()))
                .extracting(InstanceInfo::alive).containsExactly(false);
    }

    private Hourglass instance(String name, dev.hourglass.domain.port.out.TaskRunner runner) {
        return Hourglass.builder(store).clock(clock).runner(runner).instanceName(name)
                .engineSettings(EngineSettings.DEFAULT.withWorkers(1).withLease(HEARTBEAT, LEASE)
                        .withShutdownGrace(Duration.ofSeconds(GIVE_UP_SECONDS)))
                .build();
    }

    private void awaitHeartbeatAt(Hourglass instance, Instant at) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(GIVE_UP_SECONDS);
        while (System.nanoTime() < giveUp) {
            boolean renewed = store.instances(at, LEASE).stream()
                    .anyMatch(i -> i.id().equals(instance.instanceId()) && !i.heartbeatAt().isBefore(at));
            if (renewed) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        throw new AssertionError("the stopping instance never renewed its heartbeat at " + at);
    }
}
