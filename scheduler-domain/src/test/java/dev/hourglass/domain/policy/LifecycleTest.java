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

/** CONTRACT §4 and the engine's moves of §5, cell by cell. */
class LifecycleTest {

    /**
     * The table of CONTRACT §4 read row by row, for a job with no run under way. Cells: {@code -> STATUS}
     * enters that status, {@code no-op} changes nothing, {@code runs} fires the job, {@code deleted}
     * removes it, {@code 409 CODE} refuses with that code.
     */
    @ParameterizedTest(name = "{0} + {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # from    | operation    | cell
            ACTIVE    | PAUSE        | -> PAUSED
            ACTIVE    | RESUME       | no-op
            ACTIVE    | FORCE_RESUME | no-op
            ACTIVE    | RUN_NOW      | runs
            ACTIVE    | DELETE       | deleted
            ACTIVE    | EDIT         | redefined
            ACTIVE    | PAUSE_UNTIL  | -> PAUSED

            PAUSED    | PAUSE        | no-op
            PAUSED    | RESUME       | -> ACTIVE
            PAUSED    | FORCE_RESUME | -> ACTIVE
            PAUSED    | RUN_NOW      | 409 NOT_ACTIVE
            PAUSED    | DELETE       | deleted
            PAUSED    | EDIT         | redefined
            PAUSED    | PAUSE_UNTIL  | -> PAUSED

            FAILED    | PAUSE        | 409 NOT_ACTIVE
            FAILED    | RESUME       | 409 FORCE_REQUIRED
            FAILED    | FORCE_RESUME | -> ACTIVE
            FAILED    | RUN_NOW      | 409 NOT_ACTIVE
            FAILED    | DELETE       | deleted
            FAILED    | EDIT         | redefined
            FAILED    | PAUSE_UNTIL  | 409 NOT_ACTIVE

            COMPLETED | PAUSE        | 409 NOT_ACTIVE
            COMPLETED | RESUME       | 409 COMPLETED_IS_FINAL
            COMPLETED | FORCE_RESUME | 409 COMPLETED_IS_FINAL
            COMPLETED | RUN_NOW      | 409 NOT_ACTIVE
            COMPLETED | DELETE       | deleted
            COMPLETED | EDIT         | redefined
            COMPLETED | PAUSE_UNTIL  | 409 NOT_ACTIVE
            """)
    void each_cell_of_the_contract_table_decides_as_written(JobStatus from, Operation operation, String cell) {
        assertThat(Lifecycle.decide(from, false, operation)).isEqualTo(verdict(cell));
    }

    /**
     * The same table while a run of the job is under way (CONTRACT §4 and §10.2): a second run is
     * refused {@code already_running}; pause, resume and delete keep their verdicts and win over the run.
     */
    @ParameterizedTest(name = "{0} + {1} while running: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # from    | operation    | cell
            ACTIVE    | PAUSE        | -> PAUSED
            ACTIVE    | RESUME       | no-op
            ACTIVE    | FORCE_RESUME | no-op
            ACTIVE    | RUN_NOW      | 409 ALREADY_RUNNING
            ACTIVE    | DELETE       | deleted
            ACTIVE    | EDIT         | redefined
            ACTIVE    | PAUSE_UNTIL  | -> PAUSED

            PAUSED    | PAUSE        | no-op
            PAUSED    | RESUME       | -> ACTIVE
            PAUSED    | FORCE_RESUME | -> ACTIVE
            PAUSED    | RUN_NOW      | 409 NOT_ACTIVE
            PAUSED    | DELETE       | deleted
            PAUSED    | EDIT         | redefined
            PAUSED    | PAUSE_UNTIL  | -> PAUSED

            FAILED    | PAUSE        | 409 NOT_ACTIVE
            FAILED    | RESUME       | 409 FORCE_REQUIRED
            FAILED    | FORCE_RESUME | -> ACTIVE
            FAILED    | RUN_NOW      | 409 NOT_ACTIVE
            FAILED    | DELETE       | deleted
            FAILED    | EDIT         | redefined
            FAILED    | PAUSE_UNTIL  | 409 NOT_ACTIVE

            COMPLETED | PAUSE        | 409 NOT_ACTIVE
            COMPLETED | RESUME       | 409 COMPLETED_IS_FINAL
            COMPLETED | FORCE_RESUME | 409 COMPLETED_IS_FINAL
            COMPLETED | RUN_NOW      | 409 NOT_ACTIVE
            COMPLETED | DELETE       | deleted
            COMPLETED | EDIT         | redefined
            COMPLETED | PAUSE_UNTIL  | 409 NOT_ACTIVE
            """)
    void each_cell_while_the_job_runs_decides_as_written(JobStatus from, Operation operation, String cell) {
        assertThat(Lifecycle.decide(from, true, operation)).isEqualTo(verdict(cell));
    }

    @Test
    void run_now_while_running_is_already_running_and_every_other_operation_keeps_its_verdict() {
        for (JobStatus from : JobStatus.values()) {
            for (Operation operation : Operation.values()) {
                Verdict idle = Lifecycle.decide(from, false, operation);
                Verdict running = Lifecycle.decide(from, true, operation);
                if (idle instanceof Verdict.Fire) {
                    assertThat(running).as("%s + %s", from, operation)
                            .isEqualTo(new Verdict.Refuse(ErrorCode.ALREADY_RUNNING));
                } else {
                    assertThat(running).as("%s + %s", from, operation).isEqualTo(idle);
                }
            }
        }
    }

    /**
     * The engine's table (CONTRACT §5, §11.2): how a run's ending moves a job claimed in each status.
     * Only an active job's run and a failed job's probe decide anything; a job an operator changed
     * meanwhile is only recorded, so the other cells refuse {@code not_active}.
     */
    @ParameterizedTest(name = "{0} + {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # from    | ending               | cell
            ACTIVE    | SUCCEEDED            | -> ACTIVE
            ACTIVE    | FINISHED             | -> COMPLETED
            ACTIVE    | FINISHED_AND_REMOVED | deleted
            ACTIVE    | FAILED               | -> ACTIVE
            ACTIVE    | FAILED_AT_LIMIT      | -> FAILED
            ACTIVE    | PROBE_SUCCEEDED      | 409 NOT_ACTIVE
            ACTIVE    | PROBE_FAILED         | 409 NOT_ACTIVE

            PAUSED    | SUCCEEDED            | 409 NOT_ACTIVE
            PAUSED    | FINISHED             | 409 NOT_ACTIVE
            PAUSED    | FINISHED_AND_REMOVED | 409 NOT_ACTIVE
            PAUSED    | FAILED               | 409 NOT_ACTIVE
            PAUSED    | FAILED_AT_LIMIT      | 409 NOT_ACTIVE
            PAUSED    | PROBE_SUCCEEDED      | 409 NOT_ACTIVE
            PAUSED    | PROBE_FAILED         | 409 NOT_ACTIVE

            FAILED    | SUCCEEDED            | 409 NOT_ACTIVE
            FAILED    | FINISHED             | 409 NOT_ACTIVE
            FAILED    | FINISHED_AND_REMOVED | 409 NOT_ACTIVE
            FAILED    | FAILED               | 409 NOT_ACTIVE
            FAILED    | FAILED_AT_LIMIT      | 409 NOT_ACTIVE
            FAILED    | PROBE_SUCCEEDED      | -> ACTIVE
            FAILED    | PROBE_FAILED         | no-op

            COMPLETED | SUCCEEDED            | 409 NOT_ACTIVE
            COMPLETED | FINISHED             | 409 NOT_ACTIVE
            COMPLETED | FINISHED_AND_REMOVED | 409 NOT_ACTIVE
            COMPLETED | FAILED               | 409 NOT_ACTIVE
            COMPLETED | FAILED_AT_LIMIT      | 409 NOT_ACTIVE
            COMPLETED | PROBE_SUCCEEDED      | 409 NOT_ACTIVE
            COMPLETED | PROBE_FAILED         | 409 NOT_ACTIVE
            """)
    void each_cell_of_the_engine_table_decides_as_written(JobStatus from, RunEnding ending, String cell) {
        assertThat(Lifecycle.decide(from, ending)).isEqualTo(verdict(cell));
    }

    /**
     * The deadlines the engine watches (CONTRACT §12.2): the end of a timed pause resumes a paused job;
     * any other status has no pause to end, so it changes nothing.
     */
    @ParameterizedTest(name = "{0} + {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # from    | deadline    | cell
            ACTIVE    | PAUSE_ENDED | no-op
            PAUSED    | PAUSE_ENDED | -> ACTIVE
            FAILED    | PAUSE_ENDED | no-op
            COMPLETED | PAUSE_ENDED | no-op
            """)
    void each_cell_of_the_deadline_table_decides_as_written(JobStatus from, Deadline deadline, String cell) {
        assertThat(Lifecycle.decide(from, deadline)).isEqualTo(verdict(cell));
    }

    @Test
    void no_deadline_revives_a_failed_job() {
        for (Deadline deadline : Deadline.values()) {
            assertThat(Lifecycle.decide(JobStatus.FAILED, deadline)).isEqualTo(new Verdict.Unchanged());
        }
    }

    @Test
    void every_status_has_a_decision_for_every_operation_and_every_ending() {
        for (JobStatus from : JobStatus.values()) {
            for (Operation operation : Operation.values()) {
                assertThat(Lifecycle.decide(from, false, operation)).as("%s + %s", from, operation).isNotNull();
                assertThat(Lifecycle.decide(from, true, operation)).as("%s + %s running", from, operation)
                        .isNotNull();
            }
            for (RunEnding ending : RunEnding.values()) {
                assertThat(Lifecycle.decide(from, ending)).as("%s + %s", from, ending).isNotNull();
            }
            for (Deadline deadline : Deadline.values()) {
                assertThat(Lifecycle.decide(from, deadline)).as("%s + %s", from, deadline).isNotNull();
            }
        }
    }

    @Test
    void no_run_ending_but_a_successful_probe_revives_a_failed_job_and_none_reopens_a_completed_one() {
        for (RunEnding ending : RunEnding.values()) {
            if (ending != RunEnding.PROBE_SUCCEEDED) {
                assertThat(Lifecycle.decide(JobStatus.FAILED, ending)).as("%s", ending)
                        .isNotEqualTo(new Verdict.Enter(JobStatus.ACTIVE));
            }
            assertThat(Lifecycle.decide(JobStatus.COMPLETED, ending)).isInstanceOf(Verdict.Refuse.class);
        }
    }

    @Test
    void only_paused_and_failed_jobs_enter_active_and_failed_only_by_force_resume() {
        List<String> entries = new ArrayList<>();
        for (JobStatus from : JobStatus.values()) {
            for (Operation operation : Operation.values()) {
                if (Lifecycle.decide(from, false, operation).equals(new Verdict.Enter(JobStatus.ACTIVE))) {
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
                if (Lifecycle.decide(from, false, operation) instanceof Verdict.Enter enter && seen.add(enter.status())) {
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
            case "redefined":
                return new Verdict.Redefine();
            default:
                throw new IllegalArgumentException("not a cell of the table: " + cell);
        }
    }
}
