package dev.hourglass.domain.port.in;

import dev.hourglass.domain.model.Incident;
import dev.hourglass.domain.model.Job;
import java.util.List;
import java.util.Objects;

/** An incident with the jobs failing with its signature now, newest first; a resolved one lists none. */
public record IncidentView(Incident incident, List<Job> jobs) {

    public IncidentView {
        Objects.requireNonNull(incident, "incident");
        jobs = List.copyOf(jobs);
    }
}
