package dev.hourglass.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answers for requests that never reach a route (a malformed URI, an oversized header),
 * written as the API's JSON error instead of Jetty's HTML page, with the same headers as every
 * other answer and no stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {

    private final ObjectMapper mapper;

    JsonErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
            Callback callback) {
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, ApiHeaders.JSON);
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body(status)), callback);
    }

    private byte[] body(int status) {
        String code = switch (status) {
            case 400 -> "invalid_request";
            case 404 -> "not_found";
            case 413 -> "payload_too_large";
            default -> "http_" + status;
        };
        String message = "the request could not be handled: HTTP " + status + " " + HttpStatus.getMessage(status);
        try {
            return mapper.writeValueAsBytes(new Responses.Error(message, code));
        } catch (JsonProcessingException e) {
            return ("{\"error\":\"HTTP " + status + "\",\"code\":\"" + code + "\"}").getBytes(StandardCharsets.UTF_8);
        }
    }
}
