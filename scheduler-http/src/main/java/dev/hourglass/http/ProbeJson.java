package dev.hourglass.http;

import dev.hourglass.domain.model.Probe;

/** A job's opt-in to automatic probes, {@code {"afterMs": N}}; null when it has none. */
record ProbeJson(long afterMs) {

    static ProbeJson of(Probe probe) {
        return probe == null ? null : new ProbeJson(probe.afterMs());
    }
}
