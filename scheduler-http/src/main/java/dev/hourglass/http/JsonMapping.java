package dev.hourglass.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.hourglass.domain.model.Instants;
import java.io.IOException;
import java.time.Instant;

/**
 * The one Jackson configuration of the API. Requests are read as a tree and checked field by field
 * ({@link JsonObject}), so nothing is coerced and every refusal names its field; responses are
 * records, instants written as ISO-8601 UTC with exactly milliseconds, e.g.
 * {@code 2026-12-01T08:00:00.000Z}.
 */
final class JsonMapping {

    /** Request documents are a few levels deep; anything deeper is refused while parsing. */
    static final int MAX_NESTING_DEPTH = 64;
    /** Digits of one number literal; longer literals are refused while parsing. */
    static final int MAX_NUMBER_LENGTH = 64;

    private JsonMapping() {
    }

    static ObjectMapper mapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        SimpleModule instants = new SimpleModule("hourglass-instants");
        instants.addSerializer(Instant.class, new InstantSerializer());
        return JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                .addModule(instants)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }

    static String format(Instant instant) {
        return Instants.format(instant);
    }

    /**
     * Reads a request body. An empty (or all-whitespace) body is {@code emptyBody}; anything else
     * must be one JSON object.
     */
    static ObjectNode readObject(ObjectMapper mapper, byte[] body, ObjectNode emptyBody) {
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.invalidJson("request body is not valid JSON: " + describe(e));
        } catch (IOException e) {
            throw ApiException.invalidJson("request body could not be read as JSON");
        }
        if (tree == null || tree.isMissingNode()) {
            if (emptyBody == null) {
                throw ApiException.invalidRequest("request body is required: a JSON object");
            }
            return emptyBody;
        }
        if (!tree.isObject()) {
            throw ApiException.wrongType("request body", "a JSON object", tree.getNodeType().name());
        }
        return (ObjectNode) tree;
    }

    /**
     * What broke and where, in words a person can act on. Parser messages are kept (they name the
     * offending character), stripped of anything in backticks, where Jackson names its own classes.
     */
    private static String describe(JsonProcessingException e) {
        String what;
        if (e instanceof StreamConstraintsException) {
            String limit = String.valueOf(e.getOriginalMessage());
            what = limit.startsWith("Number") ? "a number is longer than " + MAX_NUMBER_LENGTH + " digits"
                    : limit.contains("nesting") ? "it nests deeper than " + MAX_NESTING_DEPTH + " levels"
                    : "it exceeds the size limits of a request";
        } else if (e instanceof JsonEOFException) {
            what = "it ends unexpectedly";
        } else if (e instanceof JsonParseException && e.getOriginalMessage() != null) {
            what = e.getOriginalMessage().replaceAll("`[^`]*`", "").replaceAll("\\s+", " ").strip();
            if (what.length() > 200) {
                what = what.substring(0, 200) + "...";
            }
        } else {
            what = "it is not a single JSON value";
        }
        JsonLocation location = e.getLocation();
        return location == null || location.getLineNr() < 1
                ? what
                : what + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static final class InstantSerializer extends StdSerializer<Instant> {

        private static final long serialVersionUID = 1L;

        InstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(format(value));
        }
    }
}
