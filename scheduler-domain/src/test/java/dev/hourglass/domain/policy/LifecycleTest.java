package dev.hourglass.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.domain.error.ErrorCode;
import dev.hourglass.domain.model.JobStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CONTRACT §4, cell by cell. */
class LifecycleTest {

    /**
     * The table of CONTRACT §4 read row by row. Cells: {@code -> STATUS} enters that status,
     * {@code no-op} changes nothing, {@code runs} fires the job, {@code deleted} removes it,
     * {@code 409 CODE} refuses with that code.
     */
    @ParameterizedTest(name = "{0} + {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # from    | operation    | cell
            ACTIVE    | PAUSE        | -> PAUSED
            ACTIVE    | RESUME       | no-op
            ACTIVE    | FORCE_RESUME | no-op
            ACTIVE    | RUN_NOW      | runs
            ACTIVE    | DELETE       | deleted

            PAUSED    | PAUSE        | no-op
            PAUSED    | RESUME       | -> ACTIVE
            PAUSED    | FORCE_RESUME | -> ACTIVE
            PAUSED    | RUN_NOW      | 409 NOT_ACTIVE
            PAUSED    | DELETE       | deleted

            FAILED    | PAUSE        | 409 NOT_ACTIVE
            FAILED    | RESUME       | 409 FORCE_REQUIRED
            FAILED    | FORCE_RESUME | -> ACTIVE
            FAILED    | RUN_NOW      | 409 NOT_ACTIVE
            FAILED    | DELETE       | deleted

            COMPLETED | PAUSE        | 409 NOT_ACTIVE
            COMPLETED | RESUME       | 409 COMPLETED_IS_FINAL
            COMPLETED | FORCE_RESUME | 409 COMPLETED_IS_FINAL
            COMPLETED | RUN_NOW      | 409 NOT_ACTIVE
            COMPLETED | DELETE       | deleted
            """)
    void each_cell_of_the_contract_table_decides_as_written(JobStatus from, Operation operation, String cell) {
        assertThat(Lifecycle.decide(from, operation)).isEqualTo(verdict(cell));
    }

    @Test
    void every_status_has_a_decision_for_every_operation() {
        for (JobStatus from : JobStatus.values()) {
            for (Operation operation : Operation.values()) {
                assertThat(Lifecycle.decide(from, operation)).as("%s + %s", from, operation).isNotNull();
            }
        }
    }

    @Test
    void only_paused_and_failed_jobs_enter_active_and_failed_only_by_force_resume() {
        List<String> entries = new ArrayList<>();
        for (JobStatus from : JobStatus.values()) {
            for (Operation operation : Operation.values()) {
                if (Lifecycle.decide(from, operation).equals(new Verdict.Enter(JobStatus.ACTIVE))) {
                    entries.add(from + " " + operation);
                }
            }
        }

        assertThat(entries).containsExactlyInAnyOrder("PAUSED RESUME", "PAUSED FORCE_RESUME", "FAILED FORCE_RESUME");
    }

    @Test
    void without_force_a_failed_job_reaches_no_other_status_by_any_path() {
        Set<Operation> withoutForce = EnumSet.complementOf(EnumSet.of(Operation.FORCE_RESUME));

        assertThat(reachable(JobStatus.FAILED, withoutForce)).containsExactly(JobStatus.FAILED);
    }

    @Test
    void a_completed_job_never_leaves_completed_even_with_force() {
        assertThat(reachable(JobStatus.COMPLETED, EnumSet.allOf(Operation.class))).containsExactly(JobStatus.COMPLETED);
    }

    /** Statuses reachable from {@code start} through operator operations, deletion aside. */
    private static Set<JobStatus> reachable(JobStatus start, Set<Operation> operations) {
        Set<JobStatus> seen = EnumSet.of(start);
        Deque<JobStatus> todo = new ArrayDeque<>(seen);
        while (!todo.isEmpty()) {
            JobStatus from = todo.pop();
            for (Operation operation : operations) {
                if (Lifecycle.decide(from, operation) instanceof Verdict.Enter enter && seen.add(enter.status())) {
                    todo.push(enter.status());
                }
            }
        }
        return seen;
    }

    private static Verdict verdict(String cell) {
        if (cell.startsWith("-> ")) {
            return new Verdict.Enter(JobStatus.valueOf(cell.substring(3)));
        }
        if (cell.startsWith("409 ")) {
            return new Verdict.Refuse(ErrorCode.valueOf(cell.substring(4)));
        }
        switch (cell) {
            case "no-op":
                return new Verdict.Unchanged();
            case "runs":
                return new Verdict.Fire();
            case "deleted":
                return new Verdict.Remove();
            default:
                throw new IllegalArgumentException("not a cell of the table: " + cell);
        }
    }
}
