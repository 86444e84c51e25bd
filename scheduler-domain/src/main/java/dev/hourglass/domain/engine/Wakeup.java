package dev.hourglass.domain.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A latch the dispatcher sleeps on until the next due instant or until something changes the
 * schedule. A raise that lands while the dispatcher is busy is remembered, never lost.
 */
public final class Wakeup {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition raised = lock.newCondition();
    private boolean pending;

    /** Something changed: the dispatcher looks again now. */
    public void raise() {
        lock.lock();
        try {
            pending = true;
            raised.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Sleeps up to {@code nanos}, returning early on a raise; consumes the raise. */
    void await(long nanos) throws InterruptedException {
        lock.lock();
        try {
            long remaining = nanos;
            while (!pending && remaining > 0) {
                remaining = raised.awaitNanos(remaining);
            }
            pending = false;
        } finally {
            lock.unlock();
        }
    }

    void await(long amount, TimeUnit unit) throws InterruptedException {
        await(unit.toNanos(amount));
    }
}
