package dev.hourglass.domain.port.out;

/**
 * Word from the store that another instance changed a job so it is due sooner (a create, a resume,
 * an outcome that re-plans it within the poll interval), so this instance's dispatcher wakes at once
 * instead of at its next poll. Best effort: a signal may be lost (a dropped connection), which is
 * why the dispatcher still polls; a store signals once whenever it starts listening (at first and
 * after a reconnect), as changes may have been missed before. {@link #NONE} for a store only one process uses: that process wakes itself.
 */
public interface ScheduleChanges {

    ScheduleChanges NONE = onChange -> () -> {
    };

    /** Calls {@code onChange} (on a thread of the store's) whenever a change is signalled, until closed. */
    Subscription subscribe(Runnable onChange);

    interface Subscription extends AutoCloseable {

        @Override
        void close();
    }
}
