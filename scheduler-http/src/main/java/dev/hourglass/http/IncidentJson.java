package dev.hourglass.http;

import dev.hourglass.domain.model.Incident;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.port.in.BulkResume;
import dev.hourglass.domain.port.in.IncidentView;
import java.time.Instant;
import java.util.List;

/** The bodies of CONTRACT §11.3 (incidents) and §11.4 (bulk resume). */
final class IncidentJson {

    private IncidentJson() {
    }

    /** {@code GET .../incidents}. */
    record Incidents(List<IncidentBody> incidents) {

        static Incidents of(List<IncidentView> views) {
            return new Incidents(views.stream().map(IncidentBody::of).toList());
        }
    }

    record IncidentBody(String id, String signature, String example, boolean open, Instant firstSeenAt,
            Instant lastSeenAt, Instant resolvedAt, List<IncidentJob> jobs) {

        static IncidentBody of(IncidentView view) {
            Incident incident = view.incident();
            return new IncidentBody(incident.id(), incident.signature(), incident.example(), incident.open(),
                    incident.firstSeenAt(), incident.lastSeenAt(), incident.resolvedAt(),
                    view.jobs().stream().map(IncidentJob::of).toList());
        }
    }

    /** A job failing with the incident's signature, as much of it as the list needs. */
    record IncidentJob(String id, String name, String status, int consecutiveErrors) {

        static IncidentJob of(Job job) {
            return new IncidentJob(job.id().value(), job.name(), job.status().wireName(), job.consecutiveErrors());
        }
    }

    /** {@code POST .../resume}. */
    record BulkResumeBody(List<JobJson> resumed, List<SkippedJob> skipped, boolean dryRun) {

        static BulkResumeBody of(BulkResume result) {
            return new BulkResumeBody(result.resumed().stream().map(JobJson::of).toList(),
                    result.skipped().stream().map(skip -> new SkippedJob(skip.id().value(), skip.name(),
                            skip.code().wireName())).toList(), result.dryRun());
        }
    }

    /** {@code name} is null for an id the filter named that no job has. */
    record SkippedJob(String id, String name, String code) {
    }
}
