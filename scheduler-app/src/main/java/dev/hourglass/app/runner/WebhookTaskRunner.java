package dev.hourglass.app.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hourglass.domain.model.Instants;
import dev.hourglass.domain.port.out.RunOutcome;
import dev.hourglass.domain.port.out.TaskRequest;
import dev.hourglass.domain.port.out.TaskRunner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Delivers each run as a JSON POST. At least once: a run re-fired after a crash carries the same
 * {@code Idempotency-Key}, so the receiver can drop the duplicate. Only the first 4 KiB of a
 * response are read, however much the receiver sends, and the whole exchange is cut at the timeout.
 *
 * <p>What says the receiver is unavailable rather than the job wrong is a dependency fault (CONTRACT
 * §6): HTTP 429, 502, 503 and 504, a timeout and a connection failure. {@code Retry-After} (seconds
 * or an HTTP date) on 429 and 503 is passed on as the retry hint.
 */
public final class WebhookTaskRunner implements TaskRunner {

    static final int MAX_OUTPUT_BYTES = 4096;
    static final int MAX_ERROR_BODY_CHARS = 200;

    private final HttpClient client;
    private final URI url;
    private final Duration timeout;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public WebhookTaskRunner(URI url, Duration timeout, Clock clock) {
        this.url = Objects.requireNonNull(url, "url");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public RunOutcome run(TaskRequest request) throws InterruptedException {
        HttpRequest post = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("X-Hourglass-Job-Id", request.jobId().value())
                .header("Idempotency-Key", request.runId().value())
                .POST(HttpRequest.BodyPublishers.ofString(body(request), StandardCharsets.UTF_8))
                .build();
        CompletableFuture<HttpResponse<byte[]>> pending =
                client.sendAsync(post, info -> new PrefixSubscriber(MAX_OUTPUT_BYTES));
        try {
            HttpResponse<byte[]> response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return outcome(response);
        } catch (TimeoutException e) {
            return RunOutcome.unavailable("timeout: no complete answer from the webhook within " + timeout.toMillis()
                    + " ms", null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return RunOutcome.unavailable("timeout: no answer from the webhook within " + timeout.toMillis() + " ms",
                        null);
            }
            return RunOutcome.unavailable("webhook unreachable: " + describe(cause), null);
        } finally {
            pending.cancel(true);
        }
    }

    private RunOutcome outcome(HttpResponse<byte[]> response) {
        String text = decodePrefix(response.body());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return RunOutcome.ok(text);
        }
        String error = "HTTP " + status + ": "
                + (text.length() > MAX_ERROR_BODY_CHARS ? text.substring(0, MAX_ERROR_BODY_CHARS) : text);
        if (status == 429 || status == 503) {
            return RunOutcome.unavailable(error, RetryAfter.parse(
                    response.headers().firstValue("Retry-After").orElse(null), clock.instant()).orElse(null));
        }
        if (status == 502 || status == 504) {
            return RunOutcome.unavailable(error, null);
        }
        return RunOutcome.failed(error);
    }

    private String body(TaskRequest request) {
        ObjectNode node = json.createObjectNode()
                .put("runId", request.runId().value())
                .put("jobId", request.jobId().value())
                .put("jobName", request.jobName())
                .put("task", request.task())
                .put("plannedAt", request.plannedAt() == null ? null : Instants.format(request.plannedAt()))
                .put("firedAt", Instants.format(request.firedAt()))
                .put("attempt", request.attempt());
        return node.toString();
    }

    /** Decodes the body prefix; a multi-byte character cut at the limit would decode to U+FFFD, so it is dropped. */
    private static String decodePrefix(byte[] prefix) {
        String text = new String(prefix, StandardCharsets.UTF_8);
        return prefix.length == MAX_OUTPUT_BYTES && text.endsWith("\uFFFD") ? text.substring(0, text.length() - 1) : text;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
