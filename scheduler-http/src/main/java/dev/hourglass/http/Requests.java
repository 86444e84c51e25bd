package dev.hourglass.http;

import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.Probe;
import dev.hourglass.domain.error.InvalidInputException;
import dev.hourglass.domain.port.in.CreateJobCommand;
import dev.hourglass.domain.port.in.CreateJobsCommand;
import dev.hourglass.domain.port.in.EditJobCommand;
import dev.hourglass.domain.port.in.PauseJobCommand;
import dev.hourglass.domain.port.in.PreviewScheduleCommand;
import dev.hourglass.domain.port.in.ResumeJobCommand;
import dev.hourglass.domain.schedule.ScheduleSpec;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The request bodies of CONTRACT §7, read from JSON with strict types. They check shape only:
 * presence, lengths and every other limit are the domain commands' to judge.
 */
final class Requests {

    private Requests() {
    }

    /** {@code POST /ui/api/scheduler}; {@code createdBy} is the authenticated principal, not a body field. */
    record CreateJobRequest(String name, String description, boolean enabled, ScheduleSpec schedule, String task,
            boolean deleteAfterRun, Long expectSuccessWithinMs, String dependency, Probe probe) {

        static CreateJobRequest from(JsonObject json) {
            JsonObject schedule = json.object("schedule");
            return new CreateJobRequest(
                    json.text("name"),
                    json.text("description"),
                    json.bool("enabled", true),
                    schedule == null ? null : ScheduleJson.spec(schedule),
                    json.text("task"),
                    json.bool("deleteAfterRun", false),
                    json.integer("expectSuccessWithinMs"),
                    json.text("dependency"),
                    Requests.probe(json));
        }

        CreateJobCommand toCommand(String actor) {
            return new CreateJobCommand(name, description, enabled, schedule, task, deleteAfterRun, actor,
                    expectSuccessWithinMs, dependency, probe);
        }
    }

    /**
     * {@code POST /ui/api/scheduler/batch}: {@code {"jobs": [create body, ...]}}. Each element is read
     * as a create's body; one of the wrong shape is refused by its index, and the batch goes on being
     * read, so that the domain's refusal names every bad job at once. How many jobs a batch may hold
     * is the domain's to judge.
     */
    static CreateJobsCommand batch(JsonObject json, String actor) {
        List<JsonObject> jobs = json.objects("jobs");
        if (jobs == null) {
            throw ApiException.invalidRequest("jobs is required: {\"jobs\": [{\"name\": ..., \"schedule\": ..., "
                    + "\"task\": ...}, ...]}");
        }
        CreateJobsCommand.Builder batch = CreateJobsCommand.builder();
        for (JsonObject job : jobs) {
            if (job == null) {
                batch.refuse("each job of the batch must be a JSON object, a create's body");
                continue;
            }
            try {
                CreateJobRequest request = CreateJobRequest.from(job);
                batch.add(() -> request.toCommand(actor));
            } catch (ApiException e) {
                batch.refuse(e.getMessage());
            } catch (InvalidInputException e) {
                batch.refuse(e);
            }
        }
        return batch.build();
    }

    /**
     * {@code PATCH /ui/api/scheduler/{id}}: any of the create's fields, read with the same types; a
     * field that is absent stays as it is, a null clears an optional one (and is refused for the
     * others, by the domain).
     */
    static EditJobCommand edit(JsonObject json, JobId id, Long ifRevision, String actor) {
        EditJobCommand.Builder edit = EditJobCommand.of(id, actor).ifRevision(ifRevision);
        if (json.has("name")) {
            edit.name(json.text("name"));
        }
        if (json.has("description")) {
            edit.description(json.text("description"));
        }
        if (json.has("enabled")) {
            edit.enabled(json.bool("enabled", true));
        }
        if (json.has("schedule")) {
            JsonObject schedule = json.object("schedule");
            edit.schedule(schedule == null ? null : ScheduleJson.spec(schedule));
        }
        if (json.has("task")) {
            edit.task(json.text("task"));
        }
        if (json.has("deleteAfterRun")) {
            edit.deleteAfterRun(json.bool("deleteAfterRun", false));
        }
        if (json.has("expectSuccessWithinMs")) {
            edit.expectSuccessWithinMs(json.integer("expectSuccessWithinMs"));
        }
        if (json.has("dependency")) {
            edit.dependency(json.text("dependency"));
        }
        if (json.has("probe")) {
            edit.probe(probe(json));
        }
        return edit.build();
    }

    /** {@code "probe": {"afterMs": N}}, or null when absent or null. */
    private static Probe probe(JsonObject json) {
        JsonObject probe = json.object("probe");
        if (probe == null) {
            return null;
        }
        Long afterMs = probe.integer("afterMs");
        if (afterMs == null) {
            throw ApiException.invalidRequest("probe.afterMs is required: the wait in milliseconds before a probe");
        }
        return CreateJobCommand.probe(afterMs);
    }

    /**
     * {@code POST .../pause}: an empty body, {@code {"reason": "..."}}, or with {@code "until"}: an
     * ISO-8601 instant with an explicit offset, after which the job resumes by itself.
     */
    record PauseRequest(String reason, Instant until) {

        static PauseRequest from(JsonObject json) {
            return new PauseRequest(json.text("reason"), instant(json.text("until"), "until"));
        }

        PauseJobCommand toCommand(JobId id, String actor) {
            return new PauseJobCommand(id, reason, actor, until);
        }
    }

    static Instant instant(String text, String field) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalidRequest(field + " must be an ISO-8601 instant with an offset, like "
                    + "2026-12-01T09:00:00+01:00; got '" + text + "'");
        }
    }

    /** {@code POST .../resume}: an empty body, {@code {}}, or {@code {"force": true, "reason": "..."}}. */
    record ResumeRequest(boolean force, String reason) {

        static ResumeRequest from(JsonObject json) {
            return new ResumeRequest(json.bool("force", false), json.text("reason"));
        }

        ResumeJobCommand toCommand(JobId id, String actor) {
            return new ResumeJobCommand(id, force, reason, actor);
        }
    }

    /**
     * {@code POST .../preview}: {@code {"schedule": {...}, "from": "<instant>", "count": N}}; {@code from}
     * and {@code count} are optional, their values judged by the domain command.
     */
    record PreviewRequest(ScheduleSpec schedule, String from, Long count) {

        static PreviewRequest from(JsonObject json) {
            JsonObject schedule = json.object("schedule");
            if (schedule == null) {
                throw ApiException.invalidRequest("schedule is required: {\"schedule\": {\"kind\": ...}}");
            }
            return new PreviewRequest(ScheduleJson.spec(schedule), json.text("from"), json.integer("count"));
        }

        PreviewScheduleCommand toCommand() {
            return PreviewScheduleCommand.of(schedule, from, count);
        }
    }
}
