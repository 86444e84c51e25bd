package dev.hourglass.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.domain.model.DependencyState;
import dev.hourglass.domain.policy.DependencyBreaker.Count;
import dev.hourglass.domain.policy.DependencyBreaker.Move;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CONTRACT §11.1's dependency breaker, cell by cell: where each event moves it, and what a run counts. */
class DependencyBreakerTest {

    /**
     * Cells: {@code -> STATE} enters that state, {@code no-op} changes nothing, {@code record} keeps
     * the fault in the window, {@code refused} cannot happen. The last column says whether the run's
     * error counts for its job ({@code counts}, {@code nothing}) or that the event is not a run's
     * ending there ({@code -}).
     */
    @ParameterizedTest(name = "{0} + {1}: {2}, {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # from    | event                    | breaker       | run
            CLOSED    | RUN_SUCCEEDED            | no-op         | counts
            CLOSED    | RUN_ERRED                | no-op         | counts
            CLOSED    | RUN_FAULTED              | record        | counts
            CLOSED    | RUN_FAULTED_AT_THRESHOLD | -> OPEN       | counts
            CLOSED    | PROBE_SUCCEEDED          | refused       | -
            CLOSED    | PROBE_FAULTED            | refused       | -
            CLOSED    | PROBE_ERRED              | refused       | -
            CLOSED    | OPEN_PERIOD_ENDED        | no-op         | -
            CLOSED    | HOLD                     | -> OPEN       | -
            CLOSED    | CLOSE                    | no-op         | -

            OPEN      | RUN_SUCCEEDED            | no-op         | counts
            OPEN      | RUN_ERRED                | no-op         | nothing
            OPEN      | RUN_FAULTED              | no-op         | nothing
            OPEN      | RUN_FAULTED_AT_THRESHOLD | refused       | -
            OPEN      | PROBE_SUCCEEDED          | refused       | -
            OPEN      | PROBE_FAULTED            | refused       | -
            OPEN      | PROBE_ERRED              | refused       | -
            OPEN      | OPEN_PERIOD_ENDED        | -> HALF_OPEN  | -
            OPEN      | HOLD                     | -> OPEN       | -
            OPEN      | CLOSE                    | -> CLOSED     | -

            HALF_OPEN | RUN_SUCCEEDED            | no-op         | counts
            HALF_OPEN | RUN_ERRED                | no-op         | nothing
            HALF_OPEN | RUN_FAULTED              | no-op         | nothing
            HALF_OPEN | RUN_FAULTED_AT_THRESHOLD | refused       | -
            HALF_OPEN | PROBE_SUCCEEDED          | -> CLOSED     | counts
            HALF_OPEN | PROBE_FAULTED            | -> OPEN       | nothing
            HALF_OPEN | PROBE_ERRED              | -> CLOSED     | counts
            HALF_OPEN | OPEN_PERIOD_ENDED        | no-op         | -
            HALF_OPEN | HOLD                     | -> OPEN       | -
            HALF_OPEN | CLOSE                    | -> CLOSED     | -
            """)
    void each_cell_of_the_breaker_table_decides_as_written(DependencyState from, DependencyEvent event, String breaker,
            String run) {
        assertThat(DependencyBreaker.decide(from, event)).isEqualTo(move(breaker));
        assertThat(DependencyBreaker.counts(from, event)).isEqualTo(count(run));
    }

    @Test
    void the_table_has_a_cell_for_every_state_and_event() {
        for (DependencyState from : DependencyState.values()) {
            for (DependencyEvent event : DependencyEvent.values()) {
                assertThat(DependencyBreaker.decide(from, event)).as(from + " + " + event).isNotNull();
            }
        }
    }

    @Test
    void only_a_closed_dependency_lets_its_jobs_fire() {
        assertThat(DependencyState.CLOSED.holds()).isFalse();
        assertThat(DependencyState.OPEN.holds()).isTrue();
        assertThat(DependencyState.HALF_OPEN.holds()).isTrue();
    }

    private static Move move(String cell) {
        if (cell.startsWith("-> ")) {
            return new Move.Enter(DependencyState.valueOf(cell.substring(3)));
        }
        switch (cell) {
            case "no-op":
                return new Move.Unchanged();
            case "record":
                return new Move.RecordFault();
            case "refused":
                return new Move.Refuse();
            default:
                throw new IllegalArgumentException("not a cell of the table: " + cell);
        }
    }

    private static Optional<Count> count(String cell) {
        switch (cell) {
            case "counts":
                return Optional.of(Count.COUNTS);
            case "nothing":
                return Optional.of(Count.COUNTS_NOTHING);
            case "-":
                return Optional.empty();
            default:
                throw new IllegalArgumentException("not a cell of the table: " + cell);
        }
    }
}
