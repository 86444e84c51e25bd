package dev.hourglass.domain.model;

import java.util.Objects;

/** Identity of one claimed run; kept across a crash so a receiver can drop the duplicate delivery. */
public record RunId(String value) {

    public RunId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("run id must not be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
