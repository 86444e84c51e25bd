package dev.hourglass.http;

import dev.hourglass.domain.error.BatchRefusedException;
import dev.hourglass.domain.error.ErrorCode;
import dev.hourglass.domain.error.HourglassException;
import dev.hourglass.domain.error.InvalidInputException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into {@code {"error": "...", "code": "..."}} with the right status. Domain
 * refusals are mapped by their {@link ErrorCode}, never by message text; anything unexpected is a
 * 500 whose body carries only an error id that is also logged, with the stack trace, on the server.
 */
final class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private static final Map<ErrorCode, Integer> STATUS_BY_CODE = statusByCode();

    private final long maxBodyBytes;

    private ErrorResponses(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    private static final String RETRY_AFTER_SECONDS = "5";

    static void register(RoutesConfig routes, long maxBodyBytes) {
        ErrorResponses errors = new ErrorResponses(maxBodyBytes);
        routes.exception(BatchRefusedException.class, ErrorResponses::batchRefusal);
        routes.exception(HourglassException.class, ErrorResponses::domainRefusal);
        routes.exception(ApiException.class, ErrorResponses::adapterRefusal);
        routes.exception(HttpResponseException.class, errors::frameworkRefusal);
        routes.exception(Exception.class, ErrorResponses::unexpected);
    }

    static int statusOf(ErrorCode code) {
        return STATUS_BY_CODE.get(code);
    }

    private static Map<ErrorCode, Integer> statusByCode() {
        Map<ErrorCode, Integer> status = new EnumMap<>(ErrorCode.class);
        status.put(ErrorCode.NOT_FOUND, 404);
        status.put(ErrorCode.INVALID_REQUEST, 400);
        status.put(ErrorCode.DUPLICATE_NAME, 409);
        status.put(ErrorCode.TASK_TOO_LARGE, 413);
        status.put(ErrorCode.JOB_LIMIT_REACHED, 429);
        status.put(ErrorCode.FORCE_REQUIRED, 409);
        status.put(ErrorCode.COMPLETED_IS_FINAL, 409);
        status.put(ErrorCode.NOT_ACTIVE, 409);
        status.put(ErrorCode.ALREADY_RUNNING, 409);
        status.put(ErrorCode.PRECONDITION_FAILED, 412);
        status.put(ErrorCode.CONCURRENT_UPDATE, 409);
        status.put(ErrorCode.UNREADABLE_JOB, 500);
        status.put(ErrorCode.STORE_UNAVAILABLE, 503);
        status.put(ErrorCode.SHUTTING_DOWN, 503);
        // Never thrown: a bulk resume lists an active job as skipped with this code.
        status.put(ErrorCode.ALREADY_ACTIVE, 409);
        return status;
    }

    private static void domainRefusal(HourglassException e, Context ctx) {
        int status = statusOf(e.code());
        if (status >= 500) {
            LOG.error("{} {} failed: {} {}", ctx.method(), ctx.path(), e.code().wireName(), e.getMessage(),
                    e.getCause());
        }
        if (status == 503) {
            // Nothing was changed; the store or the instance may answer again shortly.
            ctx.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        write(ctx, status, e.code().wireName(), messageOf(e));
    }

    /** A batch refused as a whole: its code's status, and every refused job by index with its own code. */
    private static void batchRefusal(BatchRefusedException e, Context ctx) {
        ApiHeaders.apply(ctx);
        ctx.status(statusOf(e.code())).json(new Responses.BatchError(e.getMessage(), e.code().wireName(),
                e.items().stream().map(item -> new Responses.ItemError(item.index(), item.message(),
                        item.code().wireName())).toList()));
    }

    /** The domain's message, led by the field it names when the message does not say it already. */
    private static String messageOf(HourglassException e) {
        String message = e.getMessage();
        if (e instanceof InvalidInputException invalid && !message.contains(invalid.field())) {
            return invalid.field() + ": " + message;
        }
        return message;
    }

    private static void adapterRefusal(ApiException e, Context ctx) {
        if (e.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        write(ctx, e.status(), e.code(), e.getMessage());
    }

    /** Javalin's own refusals: no route (404), wrong method (405), body over the limit (413); any other 4xx as is. */
    private void frameworkRefusal(HttpResponseException e, Context ctx) {
        switch (e.getStatus()) {
            case 404 -> write(ctx, 404, "not_found", "no such path: " + ctx.method() + " " + ctx.path());
            case 405 -> {
                String allowed = e instanceof MethodNotAllowedResponse ? allowedMethods(e) : null;
                if (allowed != null) {
                    ctx.header("Allow", allowed);
                }
                write(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path()
                        + (allowed == null ? "" : "; allowed: " + allowed));
            }
            case 413 -> adapterRefusal(ApiException.payloadTooLarge(maxBodyBytes), ctx);
            default -> {
                if (e.getStatus() >= 500) {
                    unexpected(e, ctx);
                } else {
                    write(ctx, e.getStatus(), "http_" + e.getStatus(), "the request was refused: " + e.getMessage());
                }
            }
        }
    }

    private static String allowedMethods(HttpResponseException e) {
        String allowed = e.getDetails().get("availableMethods");
        return allowed != null ? allowed : e.getDetails().get("Available methods");
    }

    private static void unexpected(Exception e, Context ctx) {
        String errorId = UUID.randomUUID().toString();
        LOG.error("error id {}: unexpected failure on {} {}", errorId, ctx.method(), ctx.path(), e);
        write(ctx, 500, "internal_error",
                "unexpected server error; error id " + errorId + " identifies it in the server log");
    }

    static void write(Context ctx, int status, String code, String message) {
        ApiHeaders.apply(ctx);
        ctx.status(status).json(new Responses.Error(message, code));
    }
}
