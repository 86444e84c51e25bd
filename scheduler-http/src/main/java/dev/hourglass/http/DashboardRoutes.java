package dev.hourglass.http;

import static io.javalin.apibuilder.ApiBuilder.get;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operator dashboard: a handful of static files from the classpath folder {@code dashboard/},
 * served under {@code /ui/} without a token because they hold no data (every API call the page makes
 * carries the bearer token). Only the listed files are served; anything else under {@code /ui/} is
 * the API's 404. The files are read once, when the API is built, so a missing one fails the start.
 */
final class DashboardRoutes {

    static final String ROOT = "/ui";

    /**
     * Only this origin's script, style and API: no inline script, no third party, no framing. The
     * page sets every style through CSS classes, so {@code style-src} needs no {@code 'unsafe-inline'}.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final String FOLDER = "/dashboard/";
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");

    private record Asset(String contentType, byte[] body) {
    }

    private final Asset page;
    /** Served path, e.g. {@code /ui/app.js}, to its file. */
    private final Map<String, Asset> assets;

    private DashboardRoutes(Asset page, Map<String, Asset> assets) {
        this.page = page;
        this.assets = assets;
    }

    static DashboardRoutes load() {
        Map<String, Asset> assets = new LinkedHashMap<>();
        for (String file : new String[] {"app.js", "incidents.js", "style.css", "favicon.svg"}) {
            assets.put(ROOT + "/" + file, read(file));
        }
        return new DashboardRoutes(read("index.html"), Map.copyOf(assets));
    }

    /** Registers the routes; call inside {@code config.routes.apiBuilder}. {@code /ui} and {@code /ui/} both give the page. */
    void register() {
        get(ROOT, ctx -> serve(ctx, page));
        assets.forEach((path, asset) -> get(path, ctx -> serve(ctx, asset)));
    }

    /** Whether the request is for a dashboard file, which needs no token. */
    boolean serves(Context ctx) {
        if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD) {
            return false;
        }
        String path = ctx.path();
        return path.equals(ROOT) || path.equals(ROOT + "/") || assets.containsKey(path);
    }

    private static void serve(Context ctx, Asset asset) {
        ctx.contentType(asset.contentType());
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.result(asset.body());
    }

    private static Asset read(String file) {
        String extension = file.substring(file.lastIndexOf('.') + 1);
        try (InputStream in = DashboardRoutes.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard file " + FOLDER + file + " is missing from the classpath");
            }
            return new Asset(CONTENT_TYPES.get(extension), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the dashboard file " + file, e);
        }
    }
}
