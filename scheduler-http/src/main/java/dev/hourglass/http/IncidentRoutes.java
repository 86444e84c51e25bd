package dev.hourglass.http;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.port.in.BulkResume;
import dev.hourglass.domain.port.in.ResumeFilter;
import dev.hourglass.domain.port.in.ResumeJobsCommand;
import dev.hourglass.domain.port.in.UseCases;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The routes of storms (CONTRACT §11.3 and §11.4): the incidents, and the bulk resume. Both paths sit
 * beside job ids, so this registers before {@link JobRoutes} and answers their other methods 405.
 */
final class IncidentRoutes {

    private static final String STATUSES =
            Arrays.stream(JobStatus.values()).map(JobStatus::wireName).collect(Collectors.joining(", "));

    private final UseCases useCases;
    private final ObjectMapper mapper;

    IncidentRoutes(UseCases useCases, ObjectMapper mapper) {
        this.useCases = useCases;
        this.mapper = mapper;
    }

    /** Registers the routes; call inside {@code config.routes.apiBuilder}, before {@link JobRoutes#register()}. */
    void register() {
        path(JobRoutes.BASE, () -> {
            post("resume", this::resumeAll);
            get("resume", ctx -> refuse(ctx, "POST"));
            delete("resume", ctx -> refuse(ctx, "POST"));
            patch("resume", ctx -> refuse(ctx, "POST"));
            get("incidents", this::incidents);
            post("incidents", ctx -> refuse(ctx, "GET"));
            delete("incidents", ctx -> refuse(ctx, "GET"));
            patch("incidents", ctx -> refuse(ctx, "GET"));
        });
    }

    /** {@code ?open=true} lists the open incidents only. */
    private void incidents(Context ctx) {
        boolean openOnly = JobRoutes.singleQueryParam(ctx, "open").map(IncidentRoutes::parseFlag).orElse(false);
        ctx.json(IncidentJson.Incidents.of(useCases.incidents().incidents(openOnly)));
    }

    /** {@code {"filter": {...}, "force": bool, "reason": "...", "dryRun": bool}}. */
    private void resumeAll(Context ctx) {
        JsonObject body = JsonObject.root(JsonMapping.readObject(mapper, ctx.bodyAsBytes(), null));
        JsonObject filter = body.object("filter");
        ResumeJobsCommand command = new ResumeJobsCommand(filter(filter), body.bool("force", false),
                body.text("reason"), body.bool("dryRun", false), Principal.of(ctx));
        BulkResume result = useCases.resumeAll().resumeAll(command);
        ctx.json(IncidentJson.BulkResumeBody.of(result));
    }

    /** The filter's shape; which criteria it needs and how many ids it may name are the domain's. */
    private static ResumeFilter filter(JsonObject filter) {
        if (filter == null) {
            return new ResumeFilter(null, null, null, null, null);
        }
        List<String> ids = filter.texts("ids");
        Set<JobId> jobIds = null;
        if (ids != null) {
            jobIds = new LinkedHashSet<>();
            for (int i = 0; i < ids.size(); i++) {
                if (ids.get(i).isBlank()) {
                    throw ApiException.invalidRequest("filter.ids[" + i + "] must be a job id, not blank");
                }
                jobIds.add(JobId.of(ids.get(i)));
            }
        }
        String status = filter.text("status");
        return new ResumeFilter(jobIds, status == null ? null : parseStatus(status), filter.text("dependency"),
                filter.text("incident"), instant(filter.text("failedSince")));
    }

    private static JobStatus parseStatus(String text) {
        return JobStatus.fromWireName(text).orElseThrow(() -> ApiException.invalidRequest(
                "filter.status must be one of " + STATUSES + "; got '" + text + "'"));
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalidRequest("filter.failedSince must be an ISO-8601 instant with an offset, like "
                    + "2026-06-01T09:00:00Z; got '" + text + "'");
        }
    }

    private static boolean parseFlag(String text) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.invalidRequest("open must be true or false; got '" + text + "'");
        };
    }

    private static void refuse(Context ctx, String allowed) {
        ctx.header("Allow", allowed);
        throw ApiException.methodNotAllowed(ctx.method().name(), ctx.path());
    }
}
