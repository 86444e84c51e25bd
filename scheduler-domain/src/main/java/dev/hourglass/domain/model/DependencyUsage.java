package dev.hourglass.domain.model;

import java.util.Objects;

/**
 * How many jobs name one dependency, and how many of them it holds: what the store counts per
 * dependency key. {@code name} is one of the spellings jobs use, the least in code-point order, so
 * that every store names it alike.
 */
public record DependencyUsage(String key, String name, int jobs, int held) {

    public DependencyUsage {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
    }
}
