package dev.hourglass.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.domain.error.DependencyNotFoundException;
import dev.hourglass.domain.error.InvalidInputException;
import dev.hourglass.domain.model.Actor;
import dev.hourglass.domain.model.Alert;
import dev.hourglass.domain.model.AlertKind;
import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.Dependency;
import dev.hourglass.domain.model.DependencyState;
import dev.hourglass.domain.model.DependencyStatus;
import dev.hourglass.domain.model.Explanation;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.model.RunRecord;
import dev.hourglass.domain.port.in.CloseDependencyCommand;
import dev.hourglass.domain.port.in.CreateJobCommand;
import dev.hourglass.domain.port.in.HistoryQuery;
import dev.hourglass.domain.port.in.OpenDependencyCommand;
import dev.hourglass.domain.port.in.PauseJobCommand;
import dev.hourglass.domain.port.out.RunOutcome;
import dev.hourglass.domain.schedule.ScheduleSpec;
import dev.hourglass.domain.testing.TestScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * CONTRACT §11.1 through the engine, on a manual clock: faults of distinct jobs open a dependency,
 * its jobs are held, one probe fires when the open period ends, and the close releases the waiting
 * fires paced.
 */
class DependencyBreakerEngineTest {

    private static final long ONE_MINUTE = 60_000;
    private static final String PROVIDER = "model-provider";

    private final TestScheduler scheduler = new TestScheduler();

    private Job create(String name, String dependency) {
        return scheduler.api.create().create(new CreateJobCommand(name, null, true, ScheduleSpec.every(ONE_MINUTE),
                "task of " + name, false, Actor.USER, null, dependency, null));
    }

    private List<Job> createJobs(int count, String dependency) {
        return java.util.stream.IntStream.rangeClosed(1, count).mapToObj(i -> create("job-" + i, dependency)).toList();
    }

    private void rateLimited(Duration retryAfter) {
        scheduler.runner.answering(request -> RunOutcome.unavailable("HTTP 429: slow down", retryAfter));
    }

    private Job get(Job job) {
        return scheduler.get(job.id());
    }

    private Dependency stored() {
        return scheduler.store.dependency("model-provider").orElseThrow();
    }

    private List<Alert> delivered() {
        scheduler.hourglass.deliverAlerts();
        return scheduler.alerts;
    }

    private List<RunRecord> runs(Job job) {
        return scheduler.api.runs().runs(HistoryQuery.of(job.id(), 100));
    }

    /** Opens the dependency with the first fire of {@code jobs}: all fault, the first three count. */
    private Instant openWithFirstFires(List<Job> jobs, Duration retryAfter) {
        rateLimited(retryAfter);
        scheduler.clock.set(jobs.get(0).nextRunAt());
        scheduler.hourglass.runDueJobs();
        return scheduler.clock.instant();
    }

    @Test
    void faults_of_three_distinct_jobs_open_the_dependency_and_hold_every_job_of_it() {
        List<Job> jobs = createJobs(5, PROVIDER);
        Job other = create("elsewhere", "slack");

        Instant openedAt = openWithFirstFires(jobs, Duration.ofSeconds(45));

        Dependency dependency = stored();
        assertThat(dependency.state()).isEqualTo(DependencyState.OPEN);
        assertThat(dependency.openedAt()).isEqualTo(openedAt);
        assertThat(dependency.openUntil()).as("the largest Retry-After of the window").isEqualTo(openedAt.plusSeconds(45));
        assertThat(dependency.cause()).startsWith("3 jobs ended in a dependency fault within 60 s")
                .contains("HTTP 429: slow down");
        assertThat(jobs).allSatisfy(job -> assertThat(get(job).heldByDependency()).isTrue());
        assertThat(get(other).heldByDependency()).isFalse();
        // The faults that opened it count one each; the runs still under way at the opening count nothing.
        assertThat(jobs.stream().map(job -> get(job).consecutiveErrors()).sorted().toList())
                .containsExactly(0, 0, 1, 1, 1);
        assertThat(jobs).allSatisfy(job -> assertThat(runs(job)).hasSize(1));
        assertThat(delivered()).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(AlertKind.DEPENDENCY_OPEN);
            assertThat(alert.subjectName()).isEqualTo(PROVIDER);
            assertThat(alert.count()).as("jobs held").isEqualTo(5);
            assertThat(alert.detail()).isEqualTo(dependency.cause());
        });
    }

    @Test
    void a_held_job_does_not_fire_its_errors_do_not_grow_and_its_fires_wait() {
        List<Job> jobs = createJobs(4, PROVIDER);
        Instant openedAt = openWithFirstFires(jobs, Duration.ofMinutes(10));
        Map<String, Integer> errors = errors(jobs);
        List<Instant> planned = jobs.stream().map(job -> get(job).nextRunAt()).toList();

        for (int minute = 1; minute <= 9; minute++) {
            scheduler.clock.set(openedAt.plus(Duration.ofMinutes(minute)));
            assertThat(scheduler.hourglass.runDueJobs()).isZero();
        }

        assertThat(errors(jobs)).isEqualTo(errors);
        assertThat(jobs.stream().map(job -> get(job).nextRunAt()).toList()).isEqualTo(planned);
        assertThat(jobs).allSatisfy(job -> {
            assertThat(get(job).status()).isEqualTo(JobStatus.ACTIVE);
            assertThat(runs(job)).hasSize(1);
        });
        assertThat(planned).as("the fire of the run under way at the opening waits")
                .anyMatch(at -> at.isBefore(scheduler.clock.instant()));
        assertThat(scheduler.store.nextDueAt()).as("held fires are not due").isEmpty();
    }

    @Test
    void without_a_dependency_a_dependency_fault_is_an_ordinary_error() {
        List<Job> jobs = createJobs(4, null);

        openWithFirstFires(jobs, Duration.ofSeconds(45));

        assertThat(scheduler.store.dependencies()).isEmpty();
        assertThat(jobs).allSatisfy(job -> {
            assertThat(get(job).consecutiveErrors()).isEqualTo(1);
            assertThat(get(job).heldByDependency()).isFalse();
            assertThat(get(job).nextRunAt()).isEqualTo(scheduler.clock.instant().plusSeconds(45));
        });
        // Ordinary errors of four jobs alike: no dependency opens, but they make an incident (§11.3).
        assertThat(delivered()).extracting(Alert::kind).containsExactly(AlertKind.INCIDENT_OPEN);
    }

    @Test
    void faults_of_fewer_distinct_jobs_than_the_threshold_count_as_errors_and_keep_it_closed() {
        List<Job> jobs = createJobs(2, PROVIDER);
        rateLimited(null);

        for (int i = 0; i < 3; i++) {
            scheduler.clock.set(get(jobs.get(0)).nextRunAt());
            scheduler.hourglass.runDueJobs();
        }

        assertThat(stored().state()).isEqualTo(DependencyState.CLOSED);
        assertThat(stored().faultedJobs()).isEqualTo(2);
        assertThat(jobs).allSatisfy(job -> assertThat(get(job).consecutiveErrors()).isEqualTo(3));
    }

    @Test
    void faults_further_apart_than_the_window_do_not_add_up() {
        Job first = create("first", PROVIDER);
        Job second = create("second", PROVIDER);
        Job third = create("third", PROVIDER);
        scheduler.api.pause().pause(new PauseJobCommand(second.id(), null, Actor.USER));
        scheduler.api.pause().pause(new PauseJobCommand(third.id(), null, Actor.USER));
        rateLimited(null);
        scheduler.clock.set(first.nextRunAt());
        scheduler.hourglass.runDueJobs();
        scheduler.api.pause().pause(new PauseJobCommand(first.id(), null, Actor.USER));

        scheduler.clock.advance(Duration.ofSeconds(61));
        scheduler.api.resume().resume(new dev.hourglass.domain.port.in.ResumeJobCommand(second.id(), false, null,
                Actor.USER));
        scheduler.clock.set(get(second).nextRunAt());
        scheduler.hourglass.runDueJobs();

        assertThat(stored().state()).isEqualTo(DependencyState.CLOSED);
        assertThat(stored().faultedJobs()).as("the first fault left the window").isEqualTo(1);
    }

    @Test
    void an_error_that_is_not_a_dependency_fault_counts_and_does_not_open_it() {
        List<Job> jobs = createJobs(4, PROVIDER);
        scheduler.runner.failingWith("HTTP 500: bug");
        scheduler.clock.set(jobs.get(0).nextRunAt());

        scheduler.hourglass.runDueJobs();

        assertThat(scheduler.store.dependency("model-provider")).isEmpty();
        assertThat(jobs).allSatisfy(job -> assertThat(get(job).consecutiveErrors()).isEqualTo(1));
    }

    @Test
    void when_the_open_period_ends_one_held_job_the_earliest_due_fires_as_the_probe() {
        List<Job> jobs = createJobs(4, PROVIDER);
        Instant openedAt = openWithFirstFires(jobs, Duration.ofSeconds(45));
        scheduler.clock.set(openedAt.plusSeconds(45));

        assertThat(scheduler.hourglass.runDueJobs()).isEqualTo(1);

        Job earliest = jobs.stream().min(Comparator.comparing((Job job) -> get(job).nextRunAt())
                .thenComparing(job -> job.id().value())).orElseThrow();
        List<Job> probed = jobs.stream().filter(job -> runs(job).size() == 2).toList();
        assertThat(probed).hasSize(1);
        assertThat(runs(probed.get(0)).get(0).probe()).isTrue();
        assertThat(stored().probes()).isEqualTo(1);
        assertThat(earliest).isNotNull();
    }

    @Test
    void a_probe_that_faults_again_reopens_the_dependency_for_twice_as_long_counting_nothing() {
        List<Job> jobs = createJobs(3, PROVIDER);
        Instant openedAt = openWithFirstFires(jobs, Duration.ofSeconds(20));
        Map<String, Integer> errorsBefore = errors(jobs);
        scheduler.clock.set(openedAt.plusSeconds(20));
        assertThat(scheduler.hourglass.runDueJobs()).as("no held fire is due yet").isZero();
        assertThat(stored().state()).isEqualTo(DependencyState.HALF_OPEN);
        // The earliest held fire is the retry after the first fault's 30 s backoff: the probe.
        scheduler.clock.set(openedAt.plusSeconds(30));

        assertThat(scheduler.hourglass.runDueJobs()).isEqualTo(1);

        Dependency reopened = stored();
        assertThat(reopened.state()).isEqualTo(DependencyState.OPEN);
        assertThat(reopened.openedAt()).as("the episode goes on").isEqualTo(openedAt);
        assertThat(reopened.period()).isEqualTo(Duration.ofSeconds(40));
        assertThat(reopened.openUntil()).isEqualTo(openedAt.plusSeconds(70));
        assertThat(errors(jobs)).isEqualTo(errorsBefore);
        assertThat(jobs).allSatisfy(job -> assertThat(get(job).heldByDependency()).isTrue());
        assertThat(delivered()).as("one alert for the episode").hasSize(1);
    }

    @Test
    void each_failed_probe_doubles_the_period_up_to_thirty_minutes() {
        List<Job> jobs = createJobs(3, PROVIDER);
        openWithFirstFires(jobs, null);
        assertThat(stored().period()).as("no Retry-After: 30 s").isEqualTo(Duration.ofSeconds(30));
        List<Duration> periods = new java.util.ArrayList<>();
        for (int probe = 0; probe < 8; probe++) {
            scheduler.clock.set(stored().openUntil());
            scheduler.hourglass.runDueJobs();
            periods.add(stored().period());
        }

        assertThat(periods).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
                Duration.ofMinutes(8), Duration.ofMinutes(16), Duration.ofMinutes(30), Duration.ofMinutes(30),
                Duration.ofMinutes(30));
        assertThat(jobs).allSatisfy(job -> assertThat(get(job).status()).isEqualTo(JobStatus.ACTIVE));
    }

    @Test
    void a_successful_probe_closes_it_and_the_waiting_fires_are_released_in_due_order_paced() {
        List<Job> jobs = createJobs(6, PROVIDER);
        Instant openedAt = openWithFirstFires(jobs, Duration.ofSeconds(30));
        scheduler.clock.set(openedAt.plus(Duration.ofMinutes(3)));
        scheduler.runner.succeeding();

        assertThat(scheduler.hourglass.runDueJobs()).as("only the probe").isEqualTo(1);

        Instant closedAt = scheduler.clock.instant();
        assertThat(stored().state()).isEqualTo(DependencyState.CLOSED);
        assertThat(jobs).allSatisfy(job -> assertThat(get(job).heldByDependency()).isFalse());
        List<Instant> released = jobs.stream().map(this::get).filter(job -> runs(job).size() == 1)
                .map(Job::nextRunAt).sorted().toList();
        assertThat(released).as("a second after the close, then 500 ms apart").containsExactly(
                closedAt.plusMillis(1000), closedAt.plusMillis(1500), closedAt.plusMillis(2000),
                closedAt.plusMillis(2500), closedAt.plusMillis(3000));
        List<Alert> alerts = delivered();
        assertThat(alerts).extracting(Alert::kind).containsExactly(AlertKind.DEPENDENCY_OPEN,
                AlertKind.DEPENDENCY_CLOSED);
        assertThat(alerts.get(1).count()).as("jobs released").isEqualTo(5);

        for (int step = 0; step < 5; step++) {
            scheduler.clock.set(closedAt.plusMillis(1000 + 500L * step));
            assertThat(scheduler.hourglass.runDueJobs()).as("release " + step).isEqualTo(1);
        }
        // Back on its schedule: the next fire of each is the next slot of its grid.
        assertThat(jobs).allSatisfy(job -> {
            Job after = get(job);
            assertThat(after.consecutiveErrors()).isZero();
            assertThat(after.nextRunAt()).isAfter(scheduler.clock.instant());
            assertThat(Duration.between(job.createdAt(), after.nextRunAt()).toMillis() % ONE_MINUTE).isZero();
        });
    }

    @Test
    void a_probe_that_fails_with_another_error_counts_for_its_job_and_closes_the_dependency() {
        List<Job> jobs = createJobs(3, PROVIDER);
        Instant openedAt = openWithFirstFires(jobs, Duration.ofSeconds(30));
        Map<String, Integer> before = errors(jobs);
        scheduler.runner.failingWith("HTTP 400: bad request");
        scheduler.clock.set(openedAt.plusSeconds(30));

        scheduler.hourglass.runDueJobs();

        assertThat(stored().state()).isEqualTo(DependencyState.CLOSED);
        Job probe = jobs.stream().filter(job -> runs(job).size() == 2).findFirst().orElseThrow();
        assertThat(get(probe).consecutiveErrors()).isEqualTo(before.get(probe.name()) + 1);
        assertThat(jobs).allSatisfy(job -> assertThat(get(job).heldByDependency()).isFalse());
        assertThat(delivered()).extracting(Alert::kind).containsExactly(AlertKind.DEPENDENCY_OPEN,
                AlertKind.DEPENDENCY_CLOSED);
    }

    @Test
    void a_held_job_cannot_trip_its_breaker() {
        TestScheduler strict = new TestScheduler(builder -> builder.maxConsecutiveErrors(1));
        List<Job> jobs = java.util.stream.IntStream.rangeClosed(1, 4).mapToObj(i -> strict.api.create().create(
                new CreateJobCommand("job-" + i, null, true, ScheduleSpec.every(ONE_MINUTE), "t", false, Actor.USER,
                        null, PROVIDER, null))).toList();
        strict.runner.answering(request -> RunOutcome.unavailable("HTTP 503: down", null));
        strict.clock.set(jobs.get(0).nextRunAt());

        strict.hourglass.runDueJobs();

        assertThat(jobs.stream().filter(job -> strict.get(job.id()).status() == JobStatus.FAILED).count())
                .as("the three faults that opened it count as ordinary errors").isEqualTo(3);
        assertThat(strict.get(jobs.get(3).id()).status()).isEqualTo(JobStatus.ACTIVE);
    }

    @Test
    void a_run_whose_dependency_opened_after_its_claim_does_not_start() {
        List<Job> jobs = createJobs(2, PROVIDER);
        Map<String, Integer> calls = new ConcurrentHashMap<>();
        scheduler.runner.answering(request -> {
            calls.merge(request.jobName(), 1, Integer::sum);
            scheduler.api.openDependency().open(new OpenDependencyCommand(PROVIDER,
                    scheduler.clock.instant().plusSeconds(600), "maintenance", Actor.USER));
            return RunOutcome.ok("done");
        });
        scheduler.clock.set(jobs.get(0).nextRunAt());

        assertThat(scheduler.hourglass.runDueJobs()).isEqualTo(1);

        assertThat(calls).hasSize(1);
        Job waiting = jobs.stream().map(this::get).filter(job -> job.lastRun() == null).findFirst().orElseThrow();
        assertThat(waiting.isRunning()).isFalse();
        assertThat(waiting.heldByDependency()).isTrue();
        assertThat(waiting.nextRunAt()).as("its fire waits").isEqualTo(jobs.get(0).nextRunAt());
    }

    @Test
    void an_operator_holds_a_dependency_until_an_instant_audited_on_each_job_with_one_alert() {
        List<Job> jobs = createJobs(3, PROVIDER);
        Instant until = scheduler.clock.instant().plus(Duration.ofHours(1));

        DependencyStatus status = scheduler.api.openDependency().open(
                new OpenDependencyCommand("Model-Provider", until, "provider maintenance", "alice"));

        assertThat(status.state()).isEqualTo(DependencyState.OPEN);
        assertThat(status.openUntil()).isEqualTo(until);
        assertThat(status.held()).isEqualTo(3);
        assertThat(status.cause()).isEqualTo("held by alice until " + until + ": provider maintenance");
        assertThat(jobs).allSatisfy(job -> {
            assertThat(get(job).heldByDependency()).isTrue();
            assertThat(scheduler.audit(job.id()).get(0)).satisfies(entry -> {
                assertThat(entry.action()).isEqualTo(AuditAction.DEPENDENCY_OPEN);
                assertThat(entry.actor()).isEqualTo("alice");
                assertThat(entry.previousStatus()).isEqualTo(JobStatus.ACTIVE);
                assertThat(entry.newStatus()).isEqualTo(JobStatus.ACTIVE);
                assertThat(entry.detail()).contains("provider maintenance");
            });
        });
        scheduler.clock.advance(Duration.ofMinutes(30));
        assertThat(scheduler.hourglass.runDueJobs()).isZero();
        assertThat(delivered()).extracting(Alert::kind).containsExactly(AlertKind.DEPENDENCY_OPEN);
        assertThat(scheduler.api.summarize().summarize().openDependencies()).isEqualTo(1);
    }

    @Test
    void an_operator_closes_a_dependency_early_and_the_waiting_fires_are_released_paced() {
        List<Job> jobs = createJobs(3, PROVIDER);
        Instant openedAt = openWithFirstFires(jobs, null);
        scheduler.clock.set(openedAt.plus(Duration.ofMinutes(2)));

        DependencyStatus status = scheduler.api.closeDependency().close(
                new CloseDependencyCommand(PROVIDER, "provider says it is back", Actor.USER));

        assertThat(status.state()).isEqualTo(DependencyState.CLOSED);
        assertThat(status.held()).isZero();
        Instant now = scheduler.clock.instant();
        assertThat(jobs.stream().map(job -> get(job).nextRunAt()).sorted().toList())
                .containsExactly(now.plusMillis(1000), now.plusMillis(1500), now.plusMillis(2000));
        assertThat(jobs).allSatisfy(job -> assertThat(scheduler.audit(job.id()).get(0).action())
                .isEqualTo(AuditAction.DEPENDENCY_CLOSE));
        assertThat(delivered()).extracting(Alert::kind).containsExactly(AlertKind.DEPENDENCY_OPEN,
                AlertKind.DEPENDENCY_CLOSED);
        assertThat(scheduler.api.summarize().summarize().openDependencies()).isZero();
    }

    @Test
    void closing_a_closed_dependency_changes_nothing() {
        Job job = create("job", PROVIDER);

        scheduler.api.closeDependency().close(new CloseDependencyCommand(PROVIDER, null, Actor.USER));

        assertThat(get(job)).isEqualTo(job);
        assertThat(scheduler.audit(job.id())).hasSize(1);
        assertThat(delivered()).isEmpty();
    }

    @Test
    void an_unknown_dependency_cannot_be_held_and_a_hold_must_end_in_the_future() {
        create("job", PROVIDER);
        Instant now = scheduler.clock.instant();

        assertThatThrownBy(() -> scheduler.api.openDependency().open(new OpenDependencyCommand("nobody",
                now.plusSeconds(60), null, Actor.USER))).isInstanceOf(DependencyNotFoundException.class);
        assertThatThrownBy(() -> scheduler.api.closeDependency().close(new CloseDependencyCommand("nobody", null,
                Actor.USER))).isInstanceOf(DependencyNotFoundException.class);
        assertThatThrownBy(() -> scheduler.api.openDependency().open(new OpenDependencyCommand(PROVIDER,
                now.minusSeconds(1), null, Actor.USER))).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("until"));
        assertThatThrownBy(() -> new OpenDependencyCommand(PROVIDER, null, null, Actor.USER))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void a_job_that_joins_a_dependency_while_it_holds_is_held_at_the_next_check() {
        createJobs(3, PROVIDER);
        scheduler.api.openDependency().open(new OpenDependencyCommand(PROVIDER,
                scheduler.clock.instant().plus(Duration.ofHours(1)), null, Actor.USER));
        Job late = create("late", PROVIDER);

        scheduler.hourglass.runDueJobs();

        assertThat(get(late).heldByDependency()).isTrue();
    }

    @Test
    void an_operator_hold_that_ends_turns_the_dependency_half_open_and_probes() {
        List<Job> jobs = createJobs(2, PROVIDER);
        Instant until = scheduler.clock.instant().plus(Duration.ofMinutes(5));
        scheduler.api.openDependency().open(new OpenDependencyCommand(PROVIDER, until, null, Actor.USER));
        scheduler.clock.set(until);

        assertThat(scheduler.hourglass.runDueJobs()).isEqualTo(1);

        assertThat(stored().state()).isEqualTo(DependencyState.CLOSED);
        assertThat(jobs).allSatisfy(job -> assertThat(get(job).heldByDependency()).isFalse());
    }

    @Test
    void the_listing_names_each_dependency_of_a_job_with_its_state_and_counts() {
        List<Job> jobs = createJobs(3, PROVIDER);
        create("chat", "slack");
        openWithFirstFires(jobs, Duration.ofSeconds(45));

        List<DependencyStatus> listed = scheduler.api.dependencies().dependencies();

        assertThat(listed).extracting(DependencyStatus::name).containsExactly(PROVIDER, "slack");
        assertThat(listed.get(0)).satisfies(status -> {
            assertThat(status.state()).isEqualTo(DependencyState.OPEN);
            assertThat(status.jobs()).isEqualTo(3);
            assertThat(status.held()).isEqualTo(3);
            assertThat(status.probes()).isZero();
        });
        assertThat(listed.get(1).state()).isEqualTo(DependencyState.CLOSED);
        assertThat(listed.get(1).openedAt()).isNull();
    }

    @Test
    void a_held_job_explains_that_its_dependency_is_open() {
        List<Job> jobs = createJobs(3, PROVIDER);
        Instant openedAt = openWithFirstFires(jobs, Duration.ofSeconds(45));

        Explanation explanation = scheduler.api.explain().explain(jobs.get(0).id());

        assertThat(explanation.reasons().get(0)).satisfies(reason -> {
            assertThat(reason.code()).isEqualTo(Explanation.Code.DEPENDENCY_OPEN);
            assertThat(reason.since()).isEqualTo(openedAt);
            assertThat(reason.until()).isEqualTo(openedAt.plusSeconds(45));
            assertThat(reason.message()).contains(PROVIDER);
        });
        assertThat(explanation.summary()).startsWith("It is held: its dependency model-provider is open");
    }

    @Test
    void the_metrics_gauge_counts_the_dependencies_jobs_name_by_state() {
        dev.hourglass.domain.testing.RecordingMetrics metrics = new dev.hourglass.domain.testing.RecordingMetrics();
        TestScheduler measured = new TestScheduler(builder -> builder.metrics(metrics));
        for (int i = 1; i <= 3; i++) {
            measured.api.create().create(new CreateJobCommand("job-" + i, null, true, ScheduleSpec.every(ONE_MINUTE),
                    "t", false, Actor.USER, null, PROVIDER, null));
        }
        measured.api.create().create(new CreateJobCommand("chat", null, true, ScheduleSpec.every(ONE_MINUTE), "t",
                false, Actor.USER, null, "slack", null));
        measured.api.openDependency().open(new OpenDependencyCommand(PROVIDER,
                measured.clock.instant().plusSeconds(60), null, Actor.USER));

        assertThat(metrics.readings.dependenciesByState()).isEqualTo(Map.of("closed", 1, "open", 1, "half_open", 0));
    }

    private Map<String, Integer> errors(List<Job> jobs) {
        Map<String, Integer> errors = new java.util.TreeMap<>();
        jobs.forEach(job -> errors.put(job.name(), get(job).consecutiveErrors()));
        return errors;
    }
}
