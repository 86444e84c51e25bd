package dev.hourglass.http;

import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.port.in.CreateJobCommand;
import dev.hourglass.domain.port.in.PauseJobCommand;
import dev.hourglass.domain.port.in.PreviewScheduleCommand;
import dev.hourglass.domain.port.in.ResumeJobCommand;
import dev.hourglass.domain.schedule.ScheduleSpec;

/**
 * The request bodies of CONTRACT §7, read from JSON with strict types. They check shape only:
 * presence, lengths and every other limit are the domain commands' to judge.
 */
final class Requests {

    private Requests() {
    }

    /** {@code POST /ui/api/scheduler}; {@code createdBy} is the authenticated principal, not a body field. */
    record CreateJobRequest(String name, String description, boolean enabled, ScheduleSpec schedule, String task,
            boolean deleteAfterRun) {

        static CreateJobRequest from(JsonObject json) {
            JsonObject schedule = json.object("schedule");
            return new CreateJobRequest(
                    json.text("name"),
                    json.text("description"),
                    json.bool("enabled", true),
                    schedule == null ? null : ScheduleJson.spec(schedule),
                    json.text("task"),
                    json.bool("deleteAfterRun", false));
        }

        CreateJobCommand toCommand(String actor) {
            return new CreateJobCommand(name, description, enabled, schedule, task, deleteAfterRun, actor);
        }
    }

    /** {@code POST .../pause}: an empty body or {@code {"reason": "..."}}. */
    record PauseRequest(String reason) {

        static PauseRequest from(JsonObject json) {
            return new PauseRequest(json.text("reason"));
        }

        PauseJobCommand toCommand(JobId id, String actor) {
            return new PauseJobCommand(id, reason, actor);
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
