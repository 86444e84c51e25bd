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

    /** Asserts this is the error answer {@code status} with {@code code}, and returns it for more checks. */
    Reply assertRefused(int status, String code) {
        org.assertj.core.api.Assertions.assertThat(this.status).as("status of %s", this).isEqualTo(status);
        org.assertj.core.api.Assertions.assertThat(code()).as("code of %s", this).isEqualTo(code);
        return this;
    }

    String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
