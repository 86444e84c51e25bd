package dev.hourglass.domain.policy;

import static dev.hourglass.domain.model.DependencyState.CLOSED;
import static dev.hourglass.domain.model.DependencyState.HALF_OPEN;
import static dev.hourglass.domain.model.DependencyState.OPEN;
import static dev.hourglass.domain.policy.DependencyEvent.CLOSE;
import static dev.hourglass.domain.policy.DependencyEvent.HOLD;
import static dev.hourglass.domain.policy.DependencyEvent.OPEN_PERIOD_ENDED;
import static dev.hourglass.domain.policy.DependencyEvent.PROBE_ERRED;
import static dev.hourglass.domain.policy.DependencyEvent.PROBE_FAULTED;
import static dev.hourglass.domain.policy.DependencyEvent.PROBE_SUCCEEDED;
import static dev.hourglass.domain.policy.DependencyEvent.RUN_ERRED;
import static dev.hourglass.domain.policy.DependencyEvent.RUN_FAULTED;
import static dev.hourglass.domain.policy.DependencyEvent.RUN_FAULTED_AT_THRESHOLD;
import static dev.hourglass.domain.policy.DependencyEvent.RUN_SUCCEEDED;

import dev.hourglass.domain.model.DependencyState;
import java.util.EnumMap;
import java.util.Map;

/**
 * The dependency breaker's state machine (CONTRACT §11.1), the only place that decides which event
 * moves a dependency where, and whether a run's error counts for its job: two tables side by side.
 *
 * <p>The breaker table: a closed dependency records faults until enough distinct jobs faulted within
 * the window, then opens; an open one turns half-open when its period passes; a half-open one lets
 * one held job fire as the probe, which closes it on success, reopens it on a dependency fault and
 * closes it on any other error. An operator can hold it open, or close it, from any state. Probe
 * events of a dependency that is not half-open are bugs, answered {@link Move.Refuse}.
 *
 * <p>The counting table: while closed a run counts for its job as it would without a dependency
 * (the faults that open it are ordinary errors, one each). While open or half-open its jobs are held:
 * an error, fault or not, counts nothing (a run that was under way at the opening ends after it), a
 * success still counts. The probe's dependency fault counts nothing; its other error counts, as the
 * job's own.
 */
public final class DependencyBreaker {

    /** What an event does to the breaker. */
    public sealed interface Move permits Move.Enter, Move.Unchanged, Move.RecordFault, Move.Refuse {

        /** The dependency moves to {@code state}. */
        record Enter(DependencyState state) implements Move {
        }

        /** Nothing changes. */
        record Unchanged() implements Move {
        }

        /** The dependency stays closed and remembers the fault in its window. */
        record RecordFault() implements Move {
        }

        /** The event cannot happen in this state. */
        record Refuse() implements Move {
        }
    }

    /** Whether a run's error counts for its job, as it would without a dependency. */
    public enum Count {
        COUNTS, COUNTS_NOTHING
    }

    private static final Move UNCHANGED = new Move.Unchanged();
    private static final Move RECORD = new Move.RecordFault();
    private static final Move REFUSE = new Move.Refuse();
    private static final Count COUNTS = Count.COUNTS;
    private static final Count NOTHING = Count.COUNTS_NOTHING;

    private static final Map<DependencyState, Map<DependencyEvent, Move>> BREAKER = new EnumMap<>(DependencyState.class);
    private static final Map<DependencyState, Map<DependencyEvent, Count>> COUNTING =
            new EnumMap<>(DependencyState.class);

    static {
        //                 run ok     run error  run fault  fault at threshold
        //                 probe ok        probe fault    probe error     period ended      hold          close
        breaker(CLOSED, UNCHANGED, UNCHANGED, RECORD, enter(OPEN),
                REFUSE, REFUSE, REFUSE, UNCHANGED, enter(OPEN), UNCHANGED);
        breaker(OPEN, UNCHANGED, UNCHANGED, UNCHANGED, REFUSE,
                REFUSE, REFUSE, REFUSE, enter(HALF_OPEN), enter(OPEN), enter(CLOSED));
        breaker(HALF_OPEN, UNCHANGED, UNCHANGED, UNCHANGED, REFUSE,
                enter(CLOSED), enter(OPEN), enter(CLOSED), UNCHANGED, enter(OPEN), enter(CLOSED));

        // Only runs count; a probe runs only while half-open.
        //                  run ok  run error run fault at threshold  probe ok probe fault probe error
        counting(CLOSED, COUNTS, COUNTS, COUNTS, COUNTS, null, null, null);
        counting(OPEN, COUNTS, NOTHING, NOTHING, null, null, null, null);
        counting(HALF_OPEN, COUNTS, NOTHING, NOTHING, null, COUNTS, NOTHING, COUNTS);
    }

    private DependencyBreaker() {
    }

    /** What {@code event} does to a dependency in {@code from}. */
    public static Move decide(DependencyState from, DependencyEvent event) {
        return BREAKER.get(from).get(event);
    }

    /**
     * Whether the run that ended as {@code event} counts for its job while its dependency is in
     * {@code from}; empty for events that are not run endings or cannot happen in {@code from}.
     */
    public static java.util.Optional<Count> counts(DependencyState from, DependencyEvent event) {
        return java.util.Optional.ofNullable(COUNTING.get(from).get(event));
    }

    private static void breaker(DependencyState from, Move runSucceeded, Move runErred, Move runFaulted,
            Move atThreshold, Move probeSucceeded, Move probeFaulted, Move probeErred, Move periodEnded, Move hold,
            Move close) {
        Map<DependencyEvent, Move> row = new EnumMap<>(DependencyEvent.class);
        row.put(RUN_SUCCEEDED, runSucceeded);
        row.put(RUN_ERRED, runErred);
        row.put(RUN_FAULTED, runFaulted);
        row.put(RUN_FAULTED_AT_THRESHOLD, atThreshold);
        row.put(PROBE_SUCCEEDED, probeSucceeded);
        row.put(PROBE_FAULTED, probeFaulted);
        row.put(PROBE_ERRED, probeErred);
        row.put(OPEN_PERIOD_ENDED, periodEnded);
        row.put(HOLD, hold);
        row.put(CLOSE, close);
        BREAKER.put(from, row);
    }

    private static void counting(DependencyState from, Count runSucceeded, Count runErred, Count runFaulted,
            Count atThreshold, Count probeSucceeded, Count probeFaulted, Count probeErred) {
        Map<DependencyEvent, Count> row = new EnumMap<>(DependencyEvent.class);
        put(row, RUN_SUCCEEDED, runSucceeded);
        put(row, RUN_ERRED, runErred);
        put(row, RUN_FAULTED, runFaulted);
        put(row, RUN_FAULTED_AT_THRESHOLD, atThreshold);
        put(row, PROBE_SUCCEEDED, probeSucceeded);
        put(row, PROBE_FAULTED, probeFaulted);
        put(row, PROBE_ERRED, probeErred);
        COUNTING.put(from, row);
    }

    private static void put(Map<DependencyEvent, Count> row, DependencyEvent event, Count count) {
        if (count != null) {
            row.put(event, count);
        }
    }

    private static Move enter(DependencyState state) {
        return new Move.Enter(state);
    }
}
