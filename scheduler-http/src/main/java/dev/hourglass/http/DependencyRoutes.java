package dev.hourglass.http;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.domain.model.DependencyStatus;
import dev.hourglass.domain.port.in.CloseDependencyCommand;
import dev.hourglass.domain.port.in.OpenDependencyCommand;
import dev.hourglass.domain.port.in.UseCases;
import io.javalin.http.Context;

/**
 * The dependency routes of CONTRACT §11.1: the listing, an operator's hold ({@code open} with
 * {@code until} and a reason) and an early {@code close}. Registered before the job routes, whose
 * {@code {id}} would otherwise take "dependencies" for a job id.
 */
final class DependencyRoutes {

    private final UseCases useCases;
    private final ObjectMapper mapper;

    DependencyRoutes(UseCases useCases, ObjectMapper mapper) {
        this.useCases = useCases;
        this.mapper = mapper;
    }

    /** Registers the routes; call inside {@code config.routes.apiBuilder}, before {@link JobRoutes#register()}. */
    void register() {
        path(JobRoutes.BASE + "/dependencies", () -> {
            get(this::list);
            post("{name}/open", this::open);
            post("{name}/close", this::close);
        });
    }

    private void list(Context ctx) {
        ctx.json(new DependencyJson.Listing(useCases.dependencies().dependencies().stream()
                .map(DependencyJson::of).toList()));
    }

    private void open(Context ctx) {
        JsonObject body = body(ctx);
        DependencyStatus status = useCases.openDependency().open(new OpenDependencyCommand(name(ctx),
                Requests.instant(body.text("until"), "until"), body.text("reason"), Principal.of(ctx)));
        ctx.json(new DependencyJson.Body(DependencyJson.of(status)));
    }

    private void close(Context ctx) {
        DependencyStatus status = useCases.closeDependency().close(new CloseDependencyCommand(name(ctx),
                body(ctx).text("reason"), Principal.of(ctx)));
        ctx.json(new DependencyJson.Body(DependencyJson.of(status)));
    }

    private static String name(Context ctx) {
        String name = ctx.pathParam("name");
        if (name.isBlank()) {
            throw ApiException.notFound("no dependency with a blank name");
        }
        return name;
    }

    /** An empty body reads as {@code {}}, whatever the Content-Type. */
    private JsonObject body(Context ctx) {
        return JsonObject.root(JsonMapping.readObject(mapper, ctx.bodyAsBytes(), mapper.createObjectNode()));
    }
}
