package dev.hourglass.domain.model;

import java.util.Objects;

/** Identity of a job: a UUID string assigned on create. */
public record JobId(String value) {

    public JobId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("job id must not be blank");
        }
    }

    public static JobId of(String value) {
        return new JobId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
