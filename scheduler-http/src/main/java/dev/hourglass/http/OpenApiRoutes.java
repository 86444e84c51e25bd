package dev.hourglass.http;

import static io.javalin.apibuilder.ApiBuilder.get;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /ui/api/openapi.json}, without the token: the hand-written OpenAPI 3.1 document of
 * every route, a resource beside this class. A test checks every answer of the HTTP suite against it.
 */
final class OpenApiRoutes {

    static final String PATH = "/ui/api/openapi.json";
    static final String RESOURCE = "openapi.json";

    private final byte[] document;

    private OpenApiRoutes(byte[] document) {
        this.document = document;
    }

    static OpenApiRoutes load() {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + RESOURCE + " is missing from the classpath");
            }
            return new OpenApiRoutes(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the OpenAPI document", e);
        }
    }

    /** Registers the route; call inside {@code config.routes.apiBuilder}. */
    void register() {
        get(PATH, this::document);
    }

    private void document(Context ctx) {
        ctx.contentType(ApiHeaders.JSON).result(document);
    }

    static boolean isDocument(String path) {
        return path.equals(PATH);
    }
}
