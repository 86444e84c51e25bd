package dev.hourglass.domain;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * The default source of ids: random UUIDs. The one place in the domain allowed randomness; everything
 * else takes a {@code Supplier<String>} so tests can pass predictable ids.
 */
public final class RandomIds implements Supplier<String> {

    @Override
    public String get() {
        return UUID.randomUUID().toString();
    }
}
