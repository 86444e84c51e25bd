package dev.hourglass.app.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** One workload's parameters and figures, in the order they were measured. */
final class Result {

    final String workload;
    final Map<String, Object> parameters = new LinkedHashMap<>();
    final Map<String, Object> figures = new LinkedHashMap<>();

    Result(String workload) {
        this.workload = workload;
    }

    Result parameter(String name, Object value) {
        parameters.put(name, value);
        return this;
    }

    Result figure(String name, Object value) {
        figures.put(name, value instanceof Double d ? Math.round(d * 100) / 100.0 : value);
        return this;
    }
}
