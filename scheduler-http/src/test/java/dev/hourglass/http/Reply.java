package dev.hourglass.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import com.fasterxml.jackson.core.JsonProcessingException;

/** One HTTP answer as a test sees it. */
record Reply(int status, HttpHeaders headers, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("answer is not JSON: " + body, e);
        }
    }

    JsonNode job() {
        return json().get("job");
    }

    String code() {
        return json().path("code").asText(null);
    }

    String error() {
        return json().path("error").asText(null);
    }

    String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
