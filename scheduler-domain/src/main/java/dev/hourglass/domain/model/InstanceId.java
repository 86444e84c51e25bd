package dev.hourglass.domain.model;

import java.util.Objects;

/** Identity of one running Hourglass process: fresh at every start, so a restarted process is a new owner. */
public record InstanceId(String value) {

    public InstanceId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("instance id must not be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
