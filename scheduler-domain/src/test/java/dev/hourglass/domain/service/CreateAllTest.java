package dev.hourglass.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.hourglass.domain.RandomIds;
import dev.hourglass.domain.error.BatchRefusedException;
import dev.hourglass.domain.error.ErrorCode;
import dev.hourglass.domain.error.InvalidInputException;
import dev.hourglass.domain.error.JobLimitReachedException;
import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobRevision;
import dev.hourglass.domain.port.in.CreateJobCommand;
import dev.hourglass.domain.port.in.CreateJobsCommand;
import dev.hourglass.domain.port.in.HistoryQuery;
import dev.hourglass.domain.port.out.JobCreation;
import dev.hourglass.domain.schedule.ScheduleSpec;
import dev.hourglass.domain.testing.ForwardingStore;
import dev.hourglass.domain.testing.InMemoryStore;
import dev.hourglass.domain.testing.TestScheduler;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Batch create (CONTRACT §13): all jobs in one store transaction, or none, with every refusal named by index. */
class CreateAllTest {

    private final TestScheduler scheduler = new TestScheduler(builder -> builder.maxJobs(5));

    private static CreateJobCommand every(String name) {
        return CreateJobCommand.of(name, ScheduleSpec.every(60_000), "task of " + name);
    }

    private List<Job> createAll(CreateJobsCommand command) {
        return scheduler.api.createAll().createAll(command);
    }

    @Test
    void a_batch_creates_every_job_in_its_order_each_audited_and_at_its_first_revision() {
        List<Job> created = createAll(CreateJobsCommand.of(List.of(every("a"), every("b"), every("c"))));

        assertThat(created).extracting(Job::name).containsExactly("a", "b", "c");
        for (Job job : created) {
            assertThat(scheduler.get(job.id())).isEqualTo(job);
            AuditEntry entry = scheduler.audit(job.id()).get(0);
            assertThat(entry.action()).isEqualTo(AuditAction.CREATE);
            assertThat(entry.createdAt()).isEqualTo(scheduler.clock.instant());
            assertThat(scheduler.api.revisions().revisions(HistoryQuery.of(job.id(), null)))
                    .extracting(JobRevision::revision).containsExactly(1L);
        }
        assertThat(scheduler.audit(created.get(0).id())).hasSize(1);
    }

    @Test
    void a_batch_is_one_store_call_and_wakes_the_engine_once() {
        AtomicInteger inserts = new AtomicInteger();
        AtomicInteger wakeups = new AtomicInteger();
        InMemoryStore memory = new InMemoryStore();
        ForwardingStore counting = new ForwardingStore(memory) {
            @Override
            public void insertAll(List<JobCreation> jobs, int maxJobs) {
                inserts.incrementAndGet();
                super.insertAll(jobs, maxJobs);
            }
        };
        JobCommandService commands = new JobCommandService(counting, scheduler.clock, new RandomIds(),
                ZoneOffset.UTC, 100, wakeups::incrementAndGet);

        commands.createAll(CreateJobsCommand.of(List.of(every("a"), every("b"), every("c"))));

        assertThat(inserts).hasValue(1);
        assertThat(wakeups).hasValue(1);
        assertThat(memory.list(Optional.empty())).hasSize(3);
    }

    @Test
    void every_bad_job_is_refused_by_index_and_none_is_created() {
        scheduler.create("taken", ScheduleSpec.every(60_000));
        CreateJobsCommand batch = CreateJobsCommand.builder()
                .add(every("fine"))
                .add(CreateJobCommand.of("past", ScheduleSpec.at("2020-01-01T00:00:00Z"), "t"))
                .add(every("FINE"))
                .refuse("schedule.intervalMs must be an integer, got a string")
                .add(every("Taken"))
                .add(() -> every(""))
                .build();

        assertThatThrownBy(() -> createAll(batch))
                .isInstanceOfSatisfying(BatchRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.items()).extracting(BatchRefusedException.Item::index, BatchRefusedException.Item::code)
                            .containsExactly(tuple(1, ErrorCode.INVALID_REQUEST), tuple(2, ErrorCode.DUPLICATE_NAME),
                                    tuple(3, ErrorCode.INVALID_REQUEST), tuple(4, ErrorCode.DUPLICATE_NAME),
                                    tuple(5, ErrorCode.INVALID_REQUEST));
                    assertThat(e.items().get(0).message()).startsWith("schedule");
                    assertThat(e.items().get(1).message()).contains("'FINE'", "job 0 of this batch");
                    assertThat(e.items().get(2).message()).contains("intervalMs");
                    assertThat(e.items().get(3).message()).contains("'Taken'", "already exists");
                    assertThat(e.items().get(4).message()).startsWith("name");
                });
        assertThat(scheduler.store.list(Optional.empty())).extracting(Job::name).containsExactly("taken");
    }

    @Test
    void a_batch_refused_only_for_names_the_store_holds_is_a_duplicate_naming_each_by_index() {
        scheduler.create("one", ScheduleSpec.every(60_000));
        scheduler.create("two", ScheduleSpec.every(60_000));

        assertThatThrownBy(() -> createAll(CreateJobsCommand.of(List.of(every("new"), every("TWO"), every("One")))))
                .isInstanceOfSatisfying(BatchRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_NAME);
                    assertThat(e.items()).extracting(BatchRefusedException.Item::index).containsExactly(1, 2);
                    assertThat(e.items().get(0).message()).contains("'TWO'");
                });
        assertThat(scheduler.store.list(Optional.empty())).hasSize(2);
    }

    @Test
    void a_batch_that_does_not_fit_under_the_job_limit_creates_nothing() {
        scheduler.create("stored", ScheduleSpec.every(60_000));
        createAll(CreateJobsCommand.of(List.of(every("a"), every("b"))));

        assertThatThrownBy(() -> createAll(CreateJobsCommand.of(List.of(every("c"), every("d"), every("e")))))
                .isInstanceOf(JobLimitReachedException.class)
                .hasMessageContaining("room for 2, not the 3");
        assertThat(scheduler.store.list(Optional.empty())).hasSize(3);
        assertThat(createAll(CreateJobsCommand.of(List.of(every("c"), every("d"))))).hasSize(2);
    }

    @Test
    void a_batch_holds_one_to_a_thousand_jobs() {
        assertThatThrownBy(() -> CreateJobsCommand.of(List.of()))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("jobs"));
        List<CreateJobCommand> tooMany = IntStream.range(0, 1001).mapToObj(i -> every("j" + i)).toList();
        assertThatThrownBy(() -> CreateJobsCommand.of(tooMany)).hasMessageContaining("1 to 1000");
    }
}
