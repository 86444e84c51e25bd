package dev.hourglass.domain.testing;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** Predictable ids: id-1, id-2, ... */
public final class CountingIds implements Supplier<String> {

    private final AtomicLong next = new AtomicLong();

    @Override
    public String get() {
        return "id-" + next.incrementAndGet();
    }
}
