package dev.hourglass.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.domain.Hourglass;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.model.RunStatus;
import dev.hourglass.domain.port.in.CreateJobCommand;
import dev.hourglass.domain.port.out.Applied;
import dev.hourglass.domain.port.out.JobWrite;
import dev.hourglass.domain.port.out.RunOutcome;
import dev.hourglass.domain.port.out.TaskRunner;
import dev.hourglass.domain.schedule.ScheduleSpec;
import dev.hourglass.domain.testing.ForwardingStore;
import dev.hourglass.domain.testing.InMemoryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine on its own threads and the real clock. Conditions are awaited on latches; the
 * timeouts only stop a broken engine from hanging the build.
 */
class EngineThreadsTest {

    private static final long GIVE_UP_SECONDS = 20;

    private final InMemoryStore store = new InMemoryStore();
    private Hourglass hourglass;

    @AfterEach
    void stop() {
        if (hourglass != null) {
            hourglass.close();
        }
    }

    @Test
    void a_created_job_wakes_the_engine_without_polling() throws Exception {
        CountDownLatch fired = new CountDownLatch(1);
        start(request -> {
            fired.countDown();
            return RunOutcome.ok("ok");
        }, Duration.ofSeconds(30));

        create("soon", ScheduleSpec.at(Instant.now().plusMillis(50).toString()));

        assertThat(fired.await(GIVE_UP_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void a_fire_claimed_ahead_of_its_instant_starts_no_earlier_than_planned() throws Exception {
        Map<String, Instant> started = new ConcurrentHashMap<>();
        CountDownLatch fired = new CountDownLatch(5);
        start(request -> {
            started.put(request.jobName(), Instant.now());
            fired.countDown();
            return RunOutcome.ok("ok");
        }, Duration.ofSeconds(30));
        Map<String, Instant> planned = new ConcurrentHashMap<>();
        for (int i = 0; i < 5; i++) {
            Instant at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).plusMillis(100 + 7L * i);
            planned.put("at-" + i, at);
            create("at-" + i, ScheduleSpec.at(at.toString()));
        }

        assertThat(fired.await(GIVE_UP_SECONDS, TimeUnit.SECONDS)).isTrue();
        planned.forEach((name, at) -> assertThat(started.get(name)).as(name).isAfterOrEqualTo(at));
    }

    @Test
    void a_job_never_runs_twice_at_once() throws Exception {
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch releaseSlow = new CountDownLatch(1);
        CountDownLatch ticked = new CountDownLatch(50);
        AtomicInteger slowRuns = new AtomicInteger();
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        start(request -> {
            if (request.jobName().equals("slow")) {
                slowRuns.incrementAndGet();
                maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                slowStarted.countDown();
                releaseSlow.await();
                concurrent.decrementAndGet();
            } else {
                ticked.countDown();
            }
            return RunOutcome.ok("ok");
        }, Duration.ofSeconds(30));

        create("slow", ScheduleSpec.every(1));
        assertThat(slowStarted.await(GIVE_UP_SECONDS, TimeUnit.SECONDS)).isTrue();
        create("tick", ScheduleSpec.every(1));
        assertThat(ticked.await(GIVE_UP_SECONDS, TimeUnit.SECONDS)).isTrue();

        assertThat(slowRuns.get()).isEqualTo(1);
        releaseSlow.countDown();
        assertThat(maxConcurrent.get()).isEqualTo(1);
    }

    @Test
    void stopping_lets_a_running_task_finish_and_records_its_outcome() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start(request -> {
            started.countDown();
            release.await();
            return RunOutcome.ok("finished during shutdown");
        }, Duration.ofSeconds(30));
        Job job = create("long", ScheduleSpec.at(Instant.now().plusMillis(20).toString()));
        assertThat(started.await(GIVE_UP_SECONDS, TimeUnit.SECONDS)).isTrue();

        Thread stopper = new Thread(hourglass::close);
        stopper.start();
        release.countDown();
        stopper.join(TimeUnit.SECONDS.toMillis(GIVE_UP_SECONDS));

        assertThat(stopper.isAlive()).isFalse();
        Job after = store.find(job.id()).orElseThrow();
        assertThat(after.lastRun().status()).isEqualTo(RunStatus.OK);
        assertThat(after.claim()).isNull();
    }

    @Test
    void a_task_still_running_after_the_grace_stays_claimed_for_the_next_start() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        start(request -> {
            started.countDown();
            new CountDownLatch(1).await();
            return RunOutcome.ok("never");
        }, Duration.ofMillis(100));
        Job job = create("stuck", ScheduleSpec.at(Instant.now().plusMillis(20).toString()));
        assertThat(started.await(GIVE_UP_SECONDS, TimeUnit.SECONDS)).isTrue();

        hourglass.close();

        Job after = store.find(job.id()).orElseThrow();
        assertThat(after.claim()).isNotNull();
        assertThat(after.runCount()).isZero();
    }

    @Test
    void stopping_hands_back_claimed_runs_that_had_not_started() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        hourglass = Hourglass.builder(store).workers(1).runner(request -> {
            runs.incrementAndGet();
            started.countDown();
            release.await();
            return RunOutcome.ok("ok");
        }).build();
        String at = Instant.now().plusMillis(300).toString();
        for (int i = 0; i < 3; i++) {
            create("queued-" + i, ScheduleSpec.at(at));
        }
        hourglass.start();
        assertThat(started.await(GIVE_UP_SECONDS, TimeUnit.SECONDS)).isTrue();

        Thread stopper = new Thread(hourglass::close);
        stopper.start();
        while (stopper.isAlive() && store.running().size() > 1) {
            Thread.onSpinWait();
        }
        release.countDown();
        stopper.join(TimeUnit.SECONDS.toMillis(GIVE_UP_SECONDS));

        assertThat(runs.get()).isEqualTo(1);
        assertThat(store.running()).isEmpty();
        assertThat(store.list(Optional.empty())).filteredOn(job -> job.runCount() == 0)
                .hasSize(2)
                .allSatisfy(job -> assertThat(job.status()).isEqualTo(JobStatus.ACTIVE));
    }

    @Test
    void an_outcome_the_store_keeps_refusing_does_not_hold_up_the_others() throws Exception {
        RefusingStore refusing = new RefusingStore(store, "poison");
        CountDownLatch bothRan = new CountDownLatch(2);
        hourglass = Hourglass.builder(refusing).runner(request -> {
            bothRan.countDown();
            return RunOutcome.ok("ok");
        }).build();
        String at = Instant.now().plusMillis(300).toString();
        Job poison = create("poison", ScheduleSpec.at(at));
        Job healthy = create("healthy", ScheduleSpec.at(at));
        hourglass.start();
        assertThat(bothRan.await(GIVE_UP_SECONDS, TimeUnit.SECONDS)).isTrue();

        Instant giveUp = Instant.now().plusSeconds(GIVE_UP_SECONDS);
        while (store.find(healthy.id()).orElseThrow().runCount() == 0 && Instant.now().isBefore(giveUp)) {
            Thread.onSpinWait();
        }

        assertThat(store.find(healthy.id()).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(store.find(poison.id()).orElseThrow().claim()).as("still claimed, tried again later").isNotNull();
    }

    /** The in-memory store, except that it refuses every outcome of one job, as a broken row would. */
    private static final class RefusingStore extends ForwardingStore {

        private final String refusedName;

        RefusingStore(InMemoryStore store, String refusedName) {
            super(store);
            this.refusedName = refusedName;
        }

        @Override
        public Applied apply(List<? extends JobWrite> writes) {
            for (JobWrite write : writes) {
                if (write instanceof JobWrite.Save save && save.run() != null && save.job().name().equals(refusedName)) {
                    throw new IllegalStateException("the store refuses this outcome");
                }
            }
            return super.apply(writes);
        }
    }

    @Test
    void many_due_jobs_all_fire_once_on_a_bounded_pool() throws Exception {
        int jobs = 300;
        CountDownLatch allFired = new CountDownLatch(jobs);
        Map<String, AtomicInteger> firesPerJob = new ConcurrentHashMap<>();
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        hourglass = Hourglass.builder(store).workers(3).runner(request -> {
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            firesPerJob.computeIfAbsent(request.jobName(), name -> new AtomicInteger()).incrementAndGet();
            concurrent.decrementAndGet();
            allFired.countDown();
            return RunOutcome.ok("ok");
        }).maxJobs(jobs).build();
        hourglass.start();
        // One instant for all, far enough ahead that creating them on a busy machine ends first.
        String at = Instant.now().plusSeconds(3).toString();
        for (int i = 0; i < jobs; i++) {
            create("job-" + i, ScheduleSpec.at(at));
        }

        assertThat(allFired.await(GIVE_UP_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(firesPerJob).hasSize(jobs);
        assertThat(firesPerJob.values()).allMatch(count -> count.get() == 1);
        assertThat(maxConcurrent.get()).isLessThanOrEqualTo(3);
    }

    private void start(TaskRunner runner, Duration grace) {
        hourglass = Hourglass.builder(store).runner(runner).shutdownGrace(grace).build();
        hourglass.start();
    }

    private Job create(String name, ScheduleSpec schedule) {
        return hourglass.useCases().create().create(CreateJobCommand.of(name, schedule, "task"));
    }

}
