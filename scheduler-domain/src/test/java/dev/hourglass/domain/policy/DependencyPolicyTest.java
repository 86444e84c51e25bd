package dev.hourglass.domain.policy;

import static dev.hourglass.domain.testing.TestJobs.T0;
import static dev.hourglass.domain.testing.TestJobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.domain.model.Dependency;
import dev.hourglass.domain.model.DependencyState;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.port.out.DependencyChange;
import dev.hourglass.domain.port.out.JobWrite;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The instants and holds the dependency policy works out, as pure functions of the dependency and its jobs. */
class DependencyPolicyTest {

    private static final Instant NOW = T0.plusSeconds(600);

    private final AtomicInteger ids = new AtomicInteger();
    private final DependencyPolicy policy = new DependencyPolicy(DependencySettings.DEFAULT,
            new OutcomePolicy(BreakerSettings.DEFAULT, () -> "id-" + ids.incrementAndGet()),
            () -> "id-" + ids.incrementAndGet());

    private static Job held(String name, Instant nextRunAt) {
        Job job = job(name).dependency("model-provider").nextRunAt(nextRunAt).build();
        return job.hold(T0);
    }

    private static Map<String, Instant> plans(List<JobWrite.Save> writes) {
        return writes.stream().collect(Collectors.toMap(save -> save.job().name(), save -> save.job().nextRunAt()));
    }

    @Test
    void a_release_starts_the_fires_that_came_due_in_due_order_one_per_spacing_a_second_after_the_close() {
        List<JobWrite.Save> writes = policy.releases(List.of(held("late", T0.plusSeconds(2)),
                held("early", T0.plusSeconds(1)), held("middle", T0.plusMillis(1500))), NOW);

        assertThat(plans(writes)).isEqualTo(Map.of("early", NOW.plusMillis(1000), "middle", NOW.plusMillis(1500),
                "late", NOW.plusMillis(2000)));
        assertThat(writes).allSatisfy(save -> assertThat(save.job().heldByDependency()).isFalse());
    }

    @Test
    void a_held_fire_planned_well_ahead_keeps_its_plan_and_one_too_close_behind_the_release_waits_its_turn() {
        List<JobWrite.Save> writes = policy.releases(List.of(held("due", T0), held("soon", NOW.plusMillis(1100)),
                held("later", NOW.plusSeconds(60))), NOW);

        assertThat(plans(writes)).isEqualTo(Map.of("due", NOW.plusMillis(1000), "soon", NOW.plusMillis(1500),
                "later", NOW.plusSeconds(60)));
    }

    @Test
    void a_release_frees_held_jobs_that_cannot_fire_without_planning_them() {
        Job paused = job("paused").dependency("model-provider").status(JobStatus.PAUSED).nextRunAt(null).build()
                .hold(T0);
        Job free = job("free").dependency("model-provider").nextRunAt(T0).build();

        List<JobWrite.Save> writes = policy.releases(List.of(paused, free), NOW);

        assertThat(writes).singleElement().satisfies(save -> {
            assertThat(save.job().name()).isEqualTo("paused");
            assertThat(save.job().heldByDependency()).isFalse();
            assertThat(save.job().nextRunAt()).isNull();
        });
    }

    @Test
    void when_the_open_period_ends_the_held_job_due_first_is_released_alone_as_the_probe() {
        Dependency open = new Dependency("model-provider", "model-provider", DependencyState.OPEN, T0, NOW, "faults",
                Duration.ofSeconds(30), 0, null, List.of(), 4, T0);
        Job first = held("first", T0.plusSeconds(5));
        Job second = held("second", T0.plusSeconds(9));

        DependencyChange change = policy.check(open, List.of(second, first), NOW).orElseThrow();

        assertThat(change.after().state()).isEqualTo(DependencyState.HALF_OPEN);
        assertThat(change.after().probeJobId()).isEqualTo(first.id());
        assertThat(change.after().version()).isEqualTo(5);
        assertThat(change.jobs()).singleElement().satisfies(write -> {
            assertThat(write.jobId()).isEqualTo(first.id());
            assertThat(((JobWrite.Save) write).job().heldByDependency()).isFalse();
        });
    }

    @Test
    void an_open_dependency_before_its_end_with_every_job_held_needs_nothing() {
        Dependency open = new Dependency("model-provider", "model-provider", DependencyState.OPEN, T0,
                NOW.plusSeconds(1), "faults", Duration.ofSeconds(30), 0, null, List.of(), 4, T0);

        assertThat(policy.check(open, List.of(held("a", T0)), NOW)).isEmpty();
    }

    @Test
    void a_half_open_dependency_whose_probe_was_paused_chooses_another_and_holds_the_first_again() {
        Job paused = job("paused").dependency("model-provider").status(JobStatus.PAUSED).nextRunAt(null).build();
        Job next = held("next", T0.plusSeconds(30));
        Dependency halfOpen = new Dependency("model-provider", "model-provider", DependencyState.HALF_OPEN, T0, null,
                "faults", Duration.ofSeconds(30), 1, paused.id(), List.of(), 2, T0);

        DependencyChange change = policy.check(halfOpen, List.of(paused, next), NOW).orElseThrow();

        assertThat(change.after().probeJobId()).isEqualTo(next.id());
        Map<JobId, Boolean> heldAfter = change.jobs().stream().collect(Collectors.toMap(JobWrite::jobId,
                write -> ((JobWrite.Save) write).job().heldByDependency()));
        assertThat(heldAfter).isEqualTo(Map.of(paused.id(), true, next.id(), false));
    }

    @Test
    void an_operator_hold_of_an_open_dependency_keeps_its_episode_and_raises_no_second_alert() {
        Dependency open = new Dependency("model-provider", "model-provider", DependencyState.OPEN, T0,
                NOW.plusSeconds(5), "faults", Duration.ofSeconds(40), 2, null, List.of(), 7, T0);

        DependencyChange change = policy.hold(open, List.of(held("a", T0)), NOW.plusSeconds(3600), "maintenance",
                "alice", NOW);

        assertThat(change.after().openedAt()).isEqualTo(T0);
        assertThat(change.after().openUntil()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(change.after().probes()).isEqualTo(2);
        assertThat(change.after().cause()).isEqualTo("held by alice until " + NOW.plusSeconds(3600) + ": maintenance");
        assertThat(change.alerts()).isEmpty();
        assertThat(change.jobs()).singleElement().satisfies(write -> assertThat(write.audit()).hasSize(1));
    }

    @Test
    void closing_a_closed_dependency_is_a_no_op() {
        assertThat(policy.close(Dependency.closed("model-provider"), List.of(held("a", T0)), null, "user", NOW))
                .isEqualTo(Optional.empty());
    }
}
