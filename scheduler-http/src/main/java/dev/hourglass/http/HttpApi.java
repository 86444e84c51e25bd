package dev.hourglass.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.domain.port.in.UseCases;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.util.Objects;

/**
 * The HTTP API of CONTRACT §7 over the use cases, served by Javalin, and the operator dashboard
 * that uses it, under {@code /ui/}.
 *
 * <pre>{@code
 * HttpApi api = HttpApi.create(hourglass.useCases(), HttpSettings.withToken(token)).start("127.0.0.1", 7070);
 * int port = api.port();   // the bound port, also when started on port 0
 * api.stop();
 * }</pre>
 */
public final class HttpApi implements AutoCloseable {

    private final Javalin app;

    private HttpApi(Javalin app) {
        this.app = app;
    }

    /** Builds the API without {@code /metrics}; nothing listens until {@link #start(String, int)}. */
    public static HttpApi create(UseCases useCases, HttpSettings settings) {
        return create(useCases, settings, null);
    }

    /**
     * Builds the API with {@code GET /metrics} answering {@code metrics} (none when null); nothing
     * listens until {@link #start(String, int)}.
     */
    public static HttpApi create(UseCases useCases, HttpSettings settings, MetricsScrape metrics) {
        Objects.requireNonNull(useCases, "useCases");
        Objects.requireNonNull(settings, "settings");
        ObjectMapper mapper = JsonMapping.mapper();
        JobRoutes routes = new JobRoutes(useCases, mapper);
        DependencyRoutes dependencies = new DependencyRoutes(useCases, mapper);
        DashboardRoutes dashboard = DashboardRoutes.load();
        OpenApiRoutes openApi = OpenApiRoutes.load();
        RequestGuard guard = new RequestGuard(BearerAuth.from(settings), settings.maxBodyBytes(), dashboard::serves,
                settings.metricsPublic());
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.http.prefer405over404 = true;
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(mapper)));
            // Jetty hands back a header line that matches an earlier one on the same connection
            // ignoring case: "Bearer SECRET" after "Bearer secret" reached the auth check as the
            // earlier spelling, letting a wrongly cased token in. Header values must match exactly.
            config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
            config.routes.before(guard::check);
            config.routes.apiBuilder(() -> {
                dependencies.register();
                routes.register();
                if (metrics != null) {
                    new MetricsRoutes(metrics).register();
                }
                dashboard.register();
                openApi.register();
            });
            ErrorResponses.register(config.routes, settings.maxBodyBytes());
        });
        return new HttpApi(app);
    }

    /** Listens on {@code host} and {@code port}; port 0 picks a free port (see {@link #port()}). */
    public HttpApi start(String host, int port) {
        app.start(host, port);
        return this;
    }

    /** The port the API listens on. */
    public int port() {
        return app.port();
    }

    /** Every registered route as {@code METHOD path}, for the test that holds them to the OpenAPI document. */
    java.util.List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(route -> route.endpoint.method.name() + " " + route.endpoint.path)
                .toList();
    }

    /** Stops listening; running requests are given Jetty's graceful stop. */
    public void stop() {
        app.stop();
    }

    @Override
    public void close() {
        stop();
    }
}
