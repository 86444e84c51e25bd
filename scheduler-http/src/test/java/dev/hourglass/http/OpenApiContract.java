package dev.hourglass.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks an answer of the real API against {@code openapi.json}: the path, the method and the status
 * must be documented, the Content-Type must be the documented one, and a JSON body must validate
 * against the documented schema (networknt, OpenAPI 3.1 dialect). Every answer {@link ApiFixture}
 * receives goes through here, so a route, a status or a field added without the document fails the
 * suite. A path that is not documented may only be refused (401, 404, 405, 413); a documented path
 * may only refuse a method it does not document (405).
 */
final class OpenApiContract {

    private static final String DOCUMENT_URI = "https://hourglass.invalid/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Integer> REFUSALS_ANYWHERE = Set.of(401, 404, 405, 413);
    private static final Set<Integer> REFUSALS_OF_A_METHOD = Set.of(401, 405, 413);
    private static final OpenApiContract INSTANCE = new OpenApiContract(readDocument());

    private final JsonNode document;
    private final List<PathTemplate> paths;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OpenApiContract(String text) {
        try {
            this.document = JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<PathTemplate> templates = new ArrayList<>();
        document.get("paths").fieldNames().forEachRemaining(path -> templates.add(PathTemplate.of(path)));
        // Literal segments win over templated ones, as OpenAPI says: /preview before /{id}.
        templates.sort(Comparator.comparingInt(PathTemplate::templated));
        this.paths = List.copyOf(templates);
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(),
                builder -> builder.schemas(Map.of(DOCUMENT_URI, text)));
    }

    static OpenApiContract get() {
        return INSTANCE;
    }

    static String readDocument() {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(OpenApiRoutes.RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode document() {
        return document;
    }

    /** Throws {@link AssertionError} naming what the document does not say about this answer. */
    void check(String method, URI uri, Reply reply) {
        String path = normalized(uri.getRawPath());
        String what = method + " " + path + " answered " + reply.status();
        Optional<PathTemplate> template = paths.stream().filter(t -> t.matches(path)).findFirst();
        if (template.isEmpty()) {
            require(REFUSALS_ANYWHERE.contains(reply.status()), "an undocumented route: " + what
                    + "; document it in openapi.json");
            checkRefusal(what, reply);
            return;
        }
        String pointer = "/paths/" + escape(template.get().text());
        JsonNode operation = document.at(pointer).get(method.toLowerCase(Locale.ROOT));
        if (operation == null) {
            require(REFUSALS_OF_A_METHOD.contains(reply.status()), "an undocumented method: " + what
                    + "; document " + method + " on " + template.get().text() + " in openapi.json");
            checkRefusal(what, reply);
            return;
        }
        pointer += "/" + method.toLowerCase(Locale.ROOT) + "/responses/" + reply.status();
        JsonNode response = document.at(pointer);
        require(!response.isMissingNode(), "an undocumented status: " + what + "; add " + reply.status()
                + " to " + method + " " + template.get().text() + " in openapi.json");
        if (response.has("$ref")) {
            pointer = response.get("$ref").asText().substring(1);
            response = document.at(pointer);
        }
        checkBody(what, reply, response, pointer);
    }

    private void checkRefusal(String what, Reply reply) {
        checkBody(what, reply, document.at("/components/responses/E" + reply.status()),
                "/components/responses/E" + reply.status());
    }

    private void checkBody(String what, Reply reply, JsonNode response, String pointer) {
        JsonNode content = response.get("content");
        String contentType = reply.header("Content-Type");
        if (content == null) {
            require(reply.body().isEmpty(), what + " with a body the document does not describe");
            return;
        }
        String mediaType = null;
        for (Iterator<String> types = content.fieldNames(); types.hasNext(); ) {
            String documented = types.next();
            if (contentType != null && baseType(documented).equals(baseType(contentType))) {
                mediaType = documented;
            }
        }
        require(mediaType != null, what + " as " + contentType + ", not as the document says: " + content.fieldNames()
                .next());
        if (!baseType(mediaType).equals("application/json") || reply.body().isEmpty()) {
            return;
        }
        Schema schema = schemas.computeIfAbsent(pointer + "/content/" + escape(mediaType) + "/schema",
                at -> registry.getSchema(SchemaLocation.of(DOCUMENT_URI + "#" + at)));
        List<Error> errors;
        try {
            errors = schema.validate(JSON.readTree(reply.body()));
        } catch (IOException e) {
            throw new AssertionError(what + " with a body that is not JSON: " + reply.body(), e);
        }
        require(errors.isEmpty(), what + " with a body the document does not allow: " + errors + "\n  body: "
                + reply.body());
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError("OpenAPI: " + message);
        }
    }

    private static String normalized(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String baseType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** A JSON pointer token (RFC 6901). */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private record PathTemplate(String text, Pattern pattern, int templated) {

        static PathTemplate of(String text) {
            StringBuilder regex = new StringBuilder();
            int templated = 0;
            for (String segment : text.substring(1).split("/", -1)) {
                regex.append('/');
                if (segment.startsWith("{") && segment.endsWith("}")) {
                    regex.append("[^/]+");
                    templated++;
                } else {
                    regex.append(Pattern.quote(segment));
                }
            }
            return new PathTemplate(text, Pattern.compile(regex.toString()), templated);
        }

        boolean matches(String path) {
            return pattern.matcher(path).matches();
        }
    }
}
