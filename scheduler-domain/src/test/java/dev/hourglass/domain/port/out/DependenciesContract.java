package dev.hourglass.domain.port.out;

import static dev.hourglass.domain.testing.TestJobs.T0;
import static dev.hourglass.domain.testing.TestJobs.created;
import static dev.hourglass.domain.testing.TestJobs.entry;
import static dev.hourglass.domain.testing.TestJobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.domain.model.Alert;
import dev.hourglass.domain.model.AlertKind;
import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.Dependency;
import dev.hourglass.domain.model.DependencyState;
import dev.hourglass.domain.model.DependencyUsage;
import dev.hourglass.domain.model.InstanceId;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.model.RunId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The promises of {@link Dependencies} (CONTRACT §11.1), run against each store: the in-memory fake
 * and both real adapters. Beside {@link JobStoreContract} rather than in it, the breakers being a
 * port of their own; a store passes both.
 *
 * @param <S> the store under test
 */
public abstract class DependenciesContract<S extends SchedulerStore> {

    private static final InstanceId OWNER = new InstanceId("instance-deps");
    private static final Instant LATER = T0.plusSeconds(45);

    protected S store;

    /** A fresh, empty store; called before every test. Closed afterwards when it is {@link AutoCloseable}. */
    protected abstract S createStore() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = createStore();
    }

    @AfterEach
    void closeStore() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Test
    void a_dependency_never_changed_is_not_stored() {
        insert(job("a").dependency("Model-Provider").build());

        assertThat(store.dependency("model-provider")).isEmpty();
        assertThat(store.dependencies()).isEmpty();
    }

    @Test
    void a_first_change_stores_the_dependency_with_its_fault_window_in_order() {
        Dependency faulted = closedWith(fault("a", T0, Duration.ofSeconds(30)), fault("b", T0.plusMillis(5), null));

        assertThat(store.apply(DependencyChange.of(Dependency.closed("Model-Provider"), faulted, List.of(),
                List.of()))).isTrue();

        Dependency stored = store.dependency("model-provider").orElseThrow();
        assertThat(stored).isEqualTo(faulted.withVersion(1));
        assertThat(stored.faults()).extracting(Dependency.Fault::jobId).containsExactly(JobId.of("a"), JobId.of("b"));
        assertThat(store.dependencies()).containsExactly(stored);
    }

    @Test
    void every_field_of_an_open_and_a_half_open_dependency_reads_back_as_stored() {
        Dependency open = new Dependency("slack", "slack", DependencyState.OPEN, T0, LATER, "3 jobs faulted",
                Duration.ofSeconds(45), 2, null, List.of(), 0, T0);
        Dependency halfOpen = new Dependency("model-provider", "Model-Provider", DependencyState.HALF_OPEN, T0, null,
                "held by user", Duration.ofMinutes(30), 7, JobId.of("probe-job"), List.of(), 0, LATER);

        assertThat(store.apply(DependencyChange.of(Dependency.closed("slack"), open, List.of(), List.of()))).isTrue();
        assertThat(store.apply(DependencyChange.of(Dependency.closed("Model-Provider"), halfOpen, List.of(),
                List.of()))).isTrue();

        assertThat(store.dependencies()).containsExactly(halfOpen.withVersion(1), open.withVersion(1));
    }

    @Test
    void a_change_replaces_the_stored_dependency_and_its_faults_at_the_next_version() {
        Dependency first = stored(closedWith(fault("a", T0, null), fault("b", T0, null)));
        Dependency opened = new Dependency(first.key(), first.name(), DependencyState.OPEN, T0, LATER, "opened",
                Duration.ofSeconds(45), 0, null, List.of(), first.version(), LATER);

        assertThat(store.apply(DependencyChange.of(first, opened, List.of(), List.of()))).isTrue();

        assertThat(store.dependency("model-provider")).contains(opened.withVersion(2));
    }

    @Test
    void a_change_expecting_another_version_changes_nothing_not_even_its_jobs() {
        Job job = insert(job("a").dependency("model-provider").build());
        Dependency first = stored(closedWith(fault("a", T0, null)));
        Dependency stale = first.withVersion(0);
        DependencyChange late = DependencyChange.of(stale, closedWith(), List.of(JobWrite.save(job, job.hold(LATER),
                List.of())), List.of(alert("late")));

        assertThat(store.apply(late)).isFalse();

        assertThat(store.dependency("model-provider")).contains(first);
        assertThat(store.find(job.id())).contains(job);
        assertThat(store.alertBacklog().count()).isZero();
    }

    @Test
    void a_change_one_of_whose_job_writes_does_not_apply_changes_nothing_at_all() {
        Job a = insert(job("a").dependency("model-provider").build());
        Job b = insert(job("b").dependency("model-provider").build());
        Job movedOn = b.withVersion(2);
        DependencyChange change = DependencyChange.of(Dependency.closed("model-provider"), closedWith(fault("a", T0,
                null)), List.of(JobWrite.save(a, a.hold(LATER), List.of()), JobWrite.save(movedOn,
                movedOn.hold(LATER), List.of())), List.of(alert("opened")));

        assertThat(store.apply(change)).isFalse();

        assertThat(store.dependency("model-provider")).isEmpty();
        assertThat(store.find(a.id())).contains(a);
        assertThat(store.alertBacklog().count()).isZero();
    }

    @Test
    void a_change_applies_its_job_writes_audit_and_alerts_with_the_dependency() {
        Job a = insert(job("a").dependency("model-provider").build());
        Job b = insert(job("b").dependency("model-provider").build());
        Alert opened = alert("opened");
        JobWrite.Save holdA = JobWrite.save(a, a.hold(LATER), List.of(entry(a, AuditAction.DEPENDENCY_OPEN,
                JobStatus.ACTIVE, JobStatus.ACTIVE, LATER)));
        JobWrite.Save holdB = JobWrite.save(b, b.hold(LATER), List.of());

        assertThat(store.apply(DependencyChange.of(Dependency.closed("model-provider"), openDependency(),
                List.of(holdA, holdB), List.of(opened)))).isTrue();

        assertThat(store.find(a.id())).contains(holdA.job());
        assertThat(store.find(b.id())).contains(holdB.job());
        assertThat(store.find(a.id()).orElseThrow().heldSince()).isEqualTo(LATER);
        assertThat(store.entriesFor(a.id(), 10).get(0).action()).isEqualTo(AuditAction.DEPENDENCY_OPEN);
        assertThat(store.alertsDue(LATER, 10)).containsExactly(opened);
    }

    @Test
    void a_guarded_change_applies_its_job_writes_only_while_the_dependency_is_as_seen() {
        Job job = insert(job("a").dependency("model-provider").build());
        Dependency seen = stored(closedWith(fault("a", T0, null)));
        JobWrite.Save write = JobWrite.save(job, job.hold(LATER), List.of());

        assertThat(store.apply(DependencyChange.guarded(seen.withVersion(0), List.of(write)))).isFalse();
        assertThat(store.apply(DependencyChange.guarded(Dependency.closed("slack").withVersion(3), List.of(write))))
                .isFalse();
        assertThat(store.find(job.id())).contains(job);

        assertThat(store.apply(DependencyChange.guarded(seen, List.of(write)))).isTrue();
        assertThat(store.find(job.id())).contains(write.job());
        assertThat(store.dependency("model-provider")).contains(seen);
    }

    @Test
    void a_guard_on_a_dependency_never_stored_expects_version_zero() {
        Job job = insert(job("a").dependency("model-provider").build());
        JobWrite.Save write = JobWrite.save(job, job.hold(LATER), List.of());

        assertThat(store.apply(DependencyChange.guarded(Dependency.closed("model-provider"), List.of(write)))).isTrue();

        assertThat(store.dependency("model-provider")).isEmpty();
    }

    @Test
    void a_first_change_loses_to_another_that_stored_the_dependency_first() {
        stored(closedWith(fault("a", T0, null)));

        assertThat(store.apply(DependencyChange.of(Dependency.closed("model-provider"), closedWith(fault("b", T0,
                null)), List.of(), List.of()))).isFalse();

        assertThat(store.dependency("model-provider").orElseThrow().faults()).extracting(Dependency.Fault::jobId)
                .containsExactly(JobId.of("a"));
    }

    @Test
    void the_jobs_of_a_dependency_are_those_naming_it_in_any_spelling_oldest_first() {
        Job first = insert(job("first").dependency("Model-Provider").createdAt(T0).build());
        Job second = insert(job("second").dependency("model-provider").createdAt(T0.plusSeconds(1)).build());
        insert(job("elsewhere").dependency("slack").build());
        insert(job("none").build());

        assertThat(store.jobsOf("model-provider")).containsExactly(first, second);
        assertThat(store.jobsOf("nobody")).isEmpty();
    }

    @Test
    void usage_counts_the_jobs_naming_each_dependency_and_those_it_holds() {
        Job a = insert(job("a").dependency("model-provider").build());
        insert(job("b").dependency("Model-Provider").build());
        insert(job("c").dependency("slack").build());
        insert(job("d").build());
        assertThat(store.apply(JobWrite.save(a, a.hold(LATER), List.of()))).isTrue();

        assertThat(store.dependencyUsage()).containsExactly(
                new DependencyUsage("model-provider", "Model-Provider", 2, 1),
                new DependencyUsage("slack", "slack", 1, 0));
    }

    @Test
    void a_held_job_is_neither_due_nor_claimed_nor_the_next_due_and_reads_back_held() {
        Job held = insert(job("held").dependency("model-provider").nextRunAt(T0).build());
        Job free = insert(job("free").dependency("model-provider").nextRunAt(T0.plusSeconds(5)).build());
        Job stored = JobWrite.save(held, held.hold(T0), List.of()).job();
        assertThat(store.apply(JobWrite.save(held, held.hold(T0), List.of()))).isTrue();

        assertThat(store.find(held.id())).contains(stored);
        assertThat(store.due(T0.plusSeconds(10), 10)).extracting(Job::id).containsExactly(free.id());
        assertThat(store.nextDueAt()).contains(T0.plusSeconds(5));
        assertThat(store.claimDue(T0.plusSeconds(10), 10, OWNER, runIds())).extracting(Job::id)
                .containsExactly(free.id());
    }

    @Test
    void a_released_job_fires_at_its_released_instant() {
        Job job = insert(job("held").dependency("model-provider").nextRunAt(T0).build());
        Job held = JobWrite.save(job, job.hold(T0), List.of()).job();
        assertThat(store.apply(JobWrite.save(job, job.hold(T0), List.of()))).isTrue();
        Job released = JobWrite.save(held, held.release(LATER, LATER), List.of()).job();

        assertThat(store.apply(JobWrite.save(held, held.release(LATER, LATER), List.of()))).isTrue();

        assertThat(store.find(job.id())).contains(released);
        assertThat(store.nextDueAt()).contains(LATER);
        assertThat(store.due(LATER, 10)).extracting(Job::id).containsExactly(job.id());
    }

    // ---- helpers

    private Job insert(Job job) {
        store.insert(job, created(job), 1000);
        return job;
    }

    private Dependency stored(Dependency dependency) {
        assertThat(store.apply(DependencyChange.of(Dependency.closed(dependency.name()), dependency, List.of(),
                List.of()))).isTrue();
        return store.dependency(dependency.key()).orElseThrow();
    }

    private static Dependency closedWith(Dependency.Fault... faults) {
        return new Dependency("model-provider", "model-provider", DependencyState.CLOSED, null, null, null, null, 0,
                null, List.of(faults), 0, T0);
    }

    private static Dependency openDependency() {
        return new Dependency("model-provider", "model-provider", DependencyState.OPEN, LATER, LATER.plusSeconds(30),
                "3 jobs faulted", Duration.ofSeconds(30), 0, null, List.of(), 0, LATER);
    }

    private static Dependency.Fault fault(String job, Instant at, Duration retryAfter) {
        return new Dependency.Fault(JobId.of(job), at, retryAfter);
    }

    private static Alert alert(String id) {
        return new Alert(id, AlertKind.DEPENDENCY_OPEN, "model-provider", "model-provider", 2, "3 jobs faulted", LATER);
    }

    private static java.util.function.Supplier<RunId> runIds() {
        AtomicInteger next = new AtomicInteger();
        return () -> new RunId("dep-run-" + next.incrementAndGet());
    }
}
