package dev.hourglass.http;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobQuery;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.port.in.HealthReport;
import dev.hourglass.domain.port.in.HistoryQuery;
import dev.hourglass.domain.port.in.JobListing;
import dev.hourglass.domain.port.in.ManualRun;
import dev.hourglass.domain.port.in.RunJobNowCommand;
import dev.hourglass.domain.port.in.DeleteJobCommand;
import dev.hourglass.domain.port.in.UseCases;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The routes of CONTRACT §7: each handler reads the request, calls one use case and writes JSON. */
final class JobRoutes {

    static final String BASE = "/ui/api/scheduler";
    static final String BATCH = BASE + "/batch";

    private static final Pattern POSITIVE_INTEGER = Pattern.compile("\\+?[0-9]+");
    private static final String STATUSES =
            Arrays.stream(JobStatus.values()).map(JobStatus::wireName).collect(Collectors.joining(", "));

    private final UseCases useCases;
    private final ObjectMapper mapper;

    JobRoutes(UseCases useCases, ObjectMapper mapper) {
        this.useCases = useCases;
        this.mapper = mapper;
    }

    /** Registers the routes; call inside {@code config.routes.apiBuilder}. */
    void register() {
        get("/health", this::health);
        path(BASE, () -> {
            get(this::list);
            post(this::create);
            // "preview" is not a job id: its other methods are 405, registered before {id} to win.
            post("preview", this::preview);
            get("preview", JobRoutes::previewTakesPost);
            delete("preview", JobRoutes::previewTakesPost);
            // Nor is "batch" (§13).
            post("batch", this::createAll);
            get("batch", JobRoutes::batchTakesPost);
            delete("batch", JobRoutes::batchTakesPost);
            // Nor is "cluster" (§10.1).
            get("cluster", this::cluster);
            delete("cluster", JobRoutes::clusterTakesGet);
            path("{id}", () -> {
                get(this::show);
                patch(this::edit);
                delete(this::remove);
                post("pause", this::pause);
                post("resume", this::resume);
                post("run", this::run);
                get("audit", this::audit);
                get("runs", this::runs);
                get("revisions", this::revisions);
                get("explain", this::explain);
            });
        });
    }

    private void health(Context ctx) {
        HealthReport report = useCases.health().check();
        ctx.status(report.healthy() ? 200 : 503).json(Responses.Health.of(report));
    }

    /** {@code ?status=&q=&dependency=&limit=&cursor=} (CONTRACT §7 paging); a bad limit or cursor is 400. */
    private void list(Context ctx) {
        JobQuery query = JobQuery.all()
                .withStatus(singleQueryParam(ctx, "status").map(JobRoutes::parseStatus).orElse(null))
                .withNameContaining(singleQueryParam(ctx, "q").orElse(null))
                .withDependency(singleQueryParam(ctx, "dependency").orElse(null))
                .withLimit(singleQueryParam(ctx, "limit").map(JobRoutes::parsePageLimit).orElse(JobQuery.MAX_LIMIT))
                .after(singleQueryParam(ctx, "cursor").orElse(null));
        JobListing listing = useCases.list().list(query);
        List<JobJson> jobs = listing.jobs().stream().map(JobJson::of).toList();
        // Straight to UTF-8 bytes: Javalin's json() writes a String and encodes it again, which a page
        // of 100 jobs (about 70 KB) pays for twice.
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(new Responses.JobList(Responses.SummaryJson.of(listing.summary()), jobs,
                    listing.nextCursor()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a job listing as JSON", e);
        }
        ctx.contentType(ContentType.APPLICATION_JSON).result(body);
    }

    private void create(Context ctx) {
        Requests.CreateJobRequest request = Requests.CreateJobRequest.from(requiredBody(ctx));
        Job job = useCases.create().create(request.toCommand(Principal.of(ctx)));
        ctx.status(201).json(new Responses.JobBody(JobJson.of(job)));
    }

    /** All or nothing; a refused batch names every bad job by index (see {@link ErrorResponses}). */
    private void createAll(Context ctx) {
        JsonObject body = JsonObject.root(JsonMapping.readObject(mapper, batchBody(ctx), null));
        List<Job> jobs = useCases.createAll().createAll(Requests.batch(body, Principal.of(ctx)));
        ctx.status(201).json(new Responses.JobsBody(jobs.stream().map(JobJson::of).toList()));
    }

    /** Whether {@code path} is the batch route, whose body may be larger than the others'. */
    static boolean isBatch(String path) {
        return path.equals(BATCH) || path.equals(BATCH + "/");
    }

    /**
     * The body up to {@link HttpSettings#BATCH_MAX_BODY_BYTES}: Javalin's own limit is the single
     * routes' one, so this route reads its body itself, cut off at its own limit.
     */
    private static byte[] batchBody(Context ctx) {
        long limit = HttpSettings.BATCH_MAX_BODY_BYTES;
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes((int) limit + 1);
            if (body.length > limit) {
                throw ApiException.payloadTooLarge(limit);
            }
            return body;
        } catch (IOException e) {
            throw ApiException.invalidJson("request body could not be read: " + e.getMessage());
        }
    }

    private static void batchTakesPost(Context ctx) {
        ctx.header("Allow", "POST");
        throw ApiException.methodNotAllowed(ctx.method().name(), ctx.path());
    }

    private void show(Context ctx) {
        answerJob(ctx, useCases.get().get(jobId(ctx)));
    }

    private void edit(Context ctx) {
        JobId id = jobId(ctx);
        Long ifRevision = ifMatch(ctx);
        Job job = useCases.edit().edit(Requests.edit(requiredBody(ctx), id, ifRevision, Principal.of(ctx)));
        answerJob(ctx, job);
    }

    private void revisions(Context ctx) {
        var revisions = useCases.revisions().revisions(historyQuery(ctx));
        ctx.json(new Responses.Revisions(revisions.stream().map(Responses.RevisionJson::of).toList()));
    }

    private void explain(Context ctx) {
        ctx.json(Responses.ExplanationJson.of(useCases.explain().explain(jobId(ctx))));
    }

    /** {@code {"job": ...}} with the job's revision as its entity tag. */
    private static void answerJob(Context ctx, Job job) {
        ctx.header("ETag", "\"" + job.revision() + "\"");
        ctx.json(new Responses.JobBody(JobJson.of(job)));
    }

    /**
     * The revision an {@code If-Match} names ({@code "3"}, also weak or unquoted), or null without
     * one or with {@code *}. A tag that names no revision can match none: 412 at once.
     */
    private static Long ifMatch(Context ctx) {
        String header = ctx.header("If-Match");
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        String tag = header.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        if (!tag.matches("[1-9][0-9]{0,17}")) {
            throw new ApiException(412, "precondition_failed",
                    "If-Match must name one revision of the job, like \"3\" (its ETag); got " + header.trim());
        }
        return Long.valueOf(tag);
    }

    private void remove(Context ctx) {
        useCases.delete().delete(new DeleteJobCommand(jobId(ctx), Principal.of(ctx)));
        ctx.json(new Responses.Deleted(true));
    }

    private void pause(Context ctx) {
        Requests.PauseRequest request = Requests.PauseRequest.from(optionalBody(ctx));
        Job job = useCases.pause().pause(request.toCommand(jobId(ctx), Principal.of(ctx)));
        ctx.json(new Responses.JobBody(JobJson.of(job)));
    }

    private void resume(Context ctx) {
        Requests.ResumeRequest request = Requests.ResumeRequest.from(optionalBody(ctx));
        Job job = useCases.resume().resume(request.toCommand(jobId(ctx), Principal.of(ctx)));
        ctx.json(new Responses.JobBody(JobJson.of(job)));
    }

    private void run(Context ctx) {
        ManualRun run = useCases.runNow().runNow(new RunJobNowCommand(jobId(ctx), Principal.of(ctx)));
        ctx.json(new Responses.RunResult(run.result(), run.job().map(JobJson::of).orElse(null)));
    }

    private void audit(Context ctx) {
        var entries = useCases.audit().audit(historyQuery(ctx));
        ctx.json(new Responses.AuditEntries(entries.stream().map(Responses.AuditEntryJson::of).toList()));
    }

    private void runs(Context ctx) {
        var runs = useCases.runs().runs(historyQuery(ctx));
        ctx.json(new Responses.Runs(runs.stream().map(Responses.RunJson::of).toList()));
    }

    private void preview(Context ctx) {
        Requests.PreviewRequest request = Requests.PreviewRequest.from(requiredBody(ctx));
        ctx.json(Responses.Preview.of(useCases.preview().preview(request.toCommand())));
    }

    private void cluster(Context ctx) {
        ctx.json(ClusterJson.of(useCases.cluster().instances()));
    }

    private static void clusterTakesGet(Context ctx) {
        ctx.header("Allow", "GET");
        throw ApiException.methodNotAllowed(ctx.method().name(), ctx.path());
    }

    private static void previewTakesPost(Context ctx) {
        ctx.header("Allow", "POST");
        throw ApiException.methodNotAllowed(ctx.method().name(), ctx.path());
    }

    private JsonObject requiredBody(Context ctx) {
        return JsonObject.root(JsonMapping.readObject(mapper, ctx.bodyAsBytes(), null));
    }

    /** Pause and resume take an empty body as {@code {}}, whatever the Content-Type. */
    private JsonObject optionalBody(Context ctx) {
        return JsonObject.root(JsonMapping.readObject(mapper, ctx.bodyAsBytes(), mapper.createObjectNode()));
    }

    private static JobId jobId(Context ctx) {
        String id = ctx.pathParam("id");
        if (id.isBlank()) {
            throw ApiException.notFound("no job with a blank id");
        }
        return JobId.of(id);
    }

    private static HistoryQuery historyQuery(Context ctx) {
        return HistoryQuery.of(jobId(ctx), singleQueryParam(ctx, "limit").map(JobRoutes::parseLimit).orElse(null));
    }

    static Optional<String> singleQueryParam(Context ctx, String name) {
        List<String> values = ctx.queryParams(name);
        // Present in the query string yet absent once decoded: its percent-escapes were broken.
        if (values.isEmpty() && ctx.queryString() != null && ("&" + ctx.queryString()).contains("&" + name + "=")) {
            throw ApiException.invalidRequest(name + " could not be decoded: check its percent-escapes");
        }
        if (values.size() > 1) {
            throw ApiException.invalidRequest(name + " may be given only once");
        }
        return values.stream().findFirst();
    }

    private static JobStatus parseStatus(String text) {
        return JobStatus.fromWireName(text).orElseThrow(() -> ApiException.invalidRequest(
                "status must be one of " + STATUSES + "; got '" + text + "'"));
    }

    /** Digits only, 1 to {@value JobQuery#MAX_LIMIT}: a page is never silently smaller than asked. */
    private static int parsePageLimit(String text) {
        Integer limit = POSITIVE_INTEGER.matcher(text).matches() ? parseLimit(text) : null;
        if (limit == null || limit < 1 || limit > JobQuery.MAX_LIMIT) {
            throw ApiException.invalidRequest("limit must be an integer from 1 to " + JobQuery.MAX_LIMIT
                    + "; got '" + text + "'");
        }
        return limit;
    }

    /** Digits only; the domain refuses 0 and clamps large values, so a huge one reads as the largest int. */
    private static Integer parseLimit(String text) {
        if (!POSITIVE_INTEGER.matcher(text).matches()) {
            throw ApiException.invalidRequest("limit must be a positive integer; got '" + text + "'");
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
