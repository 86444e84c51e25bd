package dev.hourglass.http;

import static dev.hourglass.http.ApiFixture.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The dashboard's files under /ui/: open without a token, locked down by headers; the API stays guarded. */
class DashboardFilesTest {

    private final ApiFixture api = ApiFixture.withToken();

    @AfterEach
    void stop() {
        api.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/ui/, text/html",
            "/ui, text/html",
            "/ui/app.js, text/javascript",
            "/ui/incidents.js, text/javascript",
            "/ui/style.css, text/css",
            "/ui/favicon.svg, image/svg+xml"})
    void serves_each_file_without_a_token_with_its_type_no_caching_and_a_strict_policy(String path, String type) {
        api.sendToken(null);

        Reply reply = api.sendForAnyType(api.request(path).GET());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith(type);
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(reply.header("Content-Security-Policy"))
                .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
    }

    @Test
    void the_page_loads_its_script_and_style_from_files_and_has_no_inline_script_or_style() {
        String page = api.sendForAnyType(api.request("/ui/").GET()).body();

        assertThat(page).contains("<script src=\"/ui/app.js\" defer></script>",
                "<script src=\"/ui/incidents.js\" defer></script>", "href=\"/ui/style.css\"");
        assertThat(page).doesNotContain("style=\"", "onclick", "<style", "http://", "https://");
        assertThat(page.split("<script", -1)).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ui/app.js", "/ui/incidents.js"})
    void the_scripts_write_no_markup_from_data_and_never_put_the_token_in_a_url_or_the_console(String path) {
        String script = api.sendForAnyType(api.request(path).GET()).body();

        assertThat(script).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                "console.", "localStorage", "?token", "&token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ui/index.html", "/ui/missing.js", "/ui/../pom.xml", "/ui/dashboard/app.js"})
    void other_paths_under_ui_need_the_token_and_are_not_found(String path) {
        api.sendToken(null);
        api.send(api.request(path).GET()).assertRefused(401, "unauthorized");

        api.sendToken(ApiFixture.TOKEN);
        assertThat(api.send(api.request(path).GET()).status()).isIn(400, 404);
    }

    @Test
    void writing_to_a_dashboard_path_needs_the_token() {
        api.sendToken(null);

        api.send(api.request("/ui/").POST(BodyPublishers.noBody())).assertRefused(401, "unauthorized");
    }

    @Test
    void the_api_under_the_same_prefix_still_needs_the_token() {
        api.sendToken(null);

        api.get(BASE).assertRefused(401, "unauthorized");
        api.get("/ui/api").assertRefused(401, "unauthorized");
    }
}
