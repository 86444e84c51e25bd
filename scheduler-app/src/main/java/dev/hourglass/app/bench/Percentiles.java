package dev.hourglass.app.bench;

import java.util.Arrays;

/** Latency or lag samples in microseconds, summarised in milliseconds. */
final class Percentiles {

    private final long[] sortedMicros;

    Percentiles(long[] micros) {
        this.sortedMicros = micros.clone();
        Arrays.sort(sortedMicros);
    }

    int count() {
        return sortedMicros.length;
    }

    double millis(double percentile) {
        if (sortedMicros.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sortedMicros.length) - 1;
        return sortedMicros[Math.max(0, Math.min(index, sortedMicros.length - 1))] / 1000.0;
    }

    double maxMillis() {
        return sortedMicros.length == 0 ? Double.NaN : sortedMicros[sortedMicros.length - 1] / 1000.0;
    }
}
