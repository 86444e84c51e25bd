package dev.hourglass.app.dashboard;

import static dev.hourglass.app.dashboard.LiveService.TOKEN;
import static dev.hourglass.app.dashboard.LiveService.cron;
import static dev.hourglass.app.dashboard.LiveService.every;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.app.ApiClient;
import dev.hourglass.app.StubWebhook.Answer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The dashboard in real Chromium against the real service: what an operator sees and does. */
class DashboardIT extends BrowserAgainstLiveService {

    private static final long HOUR = 3_600_000;

    @Test
    void the_table_lists_created_jobs_with_schedule_in_words_and_the_summary_counts_them() throws Exception {
        live.create("sync-invoices", every(5 * 60_000));
        live.create("weekday-report", cron("0 9 * * 1-5"));

        page.signedIn(TOKEN);

        page.awaitRow("weekday-report");
        assertThat(page.listedNames()).containsExactly("weekday-report", "sync-invoices");
        assertThat(page.badge("sync-invoices")).isEqualTo("active");
        assertThat(page.cell("sync-invoices", "schedule")).isEqualTo("every 5 minutes");
        assertThat(page.cell("weekday-report", "schedule")).contains("0 9 * * 1-5 (UTC)");
        assertThat(page.cell("sync-invoices", "last-run")).isEqualTo("never");
        assertThat(page.count("total")).isEqualTo("2");
        assertThat(page.count("active")).isEqualTo("2");
        assertThat(page.count("failed")).isEqualTo("0");
    }

    @Test
    void pausing_and_resuming_change_the_badge() throws Exception {
        live.create("cleanup", every(HOUR));
        page.signedIn(TOKEN);

        page.click("cleanup", "pause");
        page.awaitBadge("cleanup", "paused");
        assertThat(page.awaitNotice("Paused cleanup")).isEqualTo("Paused cleanup.");
        assertThat(page.actions("cleanup")).containsExactly("resume", "pause-until", "edit", "history", "delete");
        page.awaitCount("paused", "1");

        page.click("cleanup", "resume");
        page.awaitBadge("cleanup", "active");
        assertThat(page.actions("cleanup")).containsExactly("pause", "pause-until", "run", "edit", "history",
                "delete");
        page.awaitCount("paused", "0");
    }

    @Test
    void a_job_tripped_by_a_failing_webhook_is_force_resumed_through_the_dialog_and_the_reason_is_audited()
            throws Exception {
        live.webhook.answer(Answer.status(500, "outage"));
        String id = live.create("charge-cards", every(HOUR));
        page.signedIn(TOKEN);

        for (int run = 1; run <= BREAKER; run++) {
            page.click("charge-cards", "run");
            page.awaitNotice("Ran charge-cards: HTTP 500: outage");
        }
        page.awaitBadge("charge-cards", "failed");
        assertThat(page.actions("charge-cards")).containsExactly("resume", "edit", "history", "delete");
        assertThat(page.cell("charge-cards", "errors")).isEqualTo(String.valueOf(BREAKER));

        page.click("charge-cards", "resume");
        page.awaitDialog("force-dialog");
        assertThat(page.text("force-title")).isEqualTo("Force resume charge-cards");
        assertThat(page.text("force-summary")).contains("after 2 consecutive errors");
        assertThat(page.text("force-last-error")).isEqualTo("HTTP 500: outage");
        assertThat(page.rowsOf("force-runs")).hasSize(BREAKER)
                .allSatisfy(run -> assertThat(run.getText()).contains("error", "HTTP 500: outage"));

        page.press("force-confirm");
        assertThat(page.awaitFieldError("force-error")).contains("reason");
        assertThat(live.api.job(id).get("status").asText()).isEqualTo("failed");

        live.webhook.answer(Answer.ok("charged"));
        page.type("force-reason", "payment provider is back");
        page.press("force-confirm");
        page.awaitDialogClosed("force-dialog");
        page.awaitBadge("charge-cards", "active");
        assertThat(page.cell("charge-cards", "errors")).isEqualTo("0");

        page.click("charge-cards", "history");
        page.awaitDialog("history-dialog");
        WebElement newest = page.rowsOf("audit-rows").get(0);
        assertThat(newest.getAttribute("data-action")).isEqualTo("force_resume");
        assertThat(newest.getText()).contains("force resume", "failed → active", "user", "payment provider is back");
        assertThat(page.rowsOf("audit-rows")).extracting(row -> row.getAttribute("data-action"))
                .containsExactly("force_resume", "fail", "run", "run", "create");
        page.press("tab-runs");
        assertThat(page.rowsOf("run-rows")).hasSize(BREAKER);
    }

    @Test
    void a_create_with_a_bad_cron_shows_the_apis_message_next_to_the_expression() throws Exception {
        page.signedIn(TOKEN);
        page.fillNewCronJob("broken-cron", "61 * * * *", null, "t");

        assertThat(page.awaitPreview("61")).contains("invalid cron expression");
        page.press("create-submit");

        String shown = page.awaitFieldError("error-schedule-expr");
        ApiClient.Reply refused = live.api.post("", "{\"name\":\"broken-cron\",\"task\":\"t\","
                + "\"schedule\":{\"kind\":\"cron\",\"expr\":\"61 * * * *\"}}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(shown).isEqualTo(refused.body().get("error").asText()).startsWith("schedule.expr");
        assertThat(page.text("error-form")).isEmpty();
        assertThat(live.api.get("").body().get("jobs")).isEmpty();
    }

    @Test
    void a_good_schedule_is_previewed_while_typing_and_the_created_job_appears() throws Exception {
        page.signedIn(TOKEN);
        page.fillNewCronJob("quarter-hourly", "*/15 * * * *", "Europe/Berlin", "{\"report\":true}");

        assertThat(page.awaitPreview("next run")).contains("15").doesNotContain("every 5 minutes");
        page.press("create-submit");

        page.awaitDialogClosed("create-dialog");
        page.awaitBadge("quarter-hourly", "active");
        assertThat(page.cell("quarter-hourly", "schedule")).contains("*/15 * * * * (Europe/Berlin)");
        assertThat(page.awaitNotice("Created")).isEqualTo("Created quarter-hourly.");
    }

    @Test
    void a_duplicate_name_is_refused_next_to_the_name() throws Exception {
        live.create("only-once", every(HOUR));
        page.signedIn(TOKEN);
        page.press("new-job");
        page.awaitDialog("create-dialog");
        page.type("f-name", "ONLY-once");
        page.type("f-task", "t");

        page.press("create-submit");

        assertThat(page.awaitFieldError("error-name")).contains("ONLY-once", "already exists");
    }

    @Test
    void a_wrong_token_brings_the_prompt_back_and_is_not_kept() {
        page.awaitTokenPrompt();

        page.signIn("not-the-token");

        page.await(driver -> page.tokenError().contains("refused"));
        assertThat(page.tokenPromptIsOpen()).isTrue();
        assertThat(page.storedToken()).isNull();

        page.signedIn(TOKEN);
        assertThat(page.storedToken()).isEqualTo(TOKEN);
        assertThat(browser.getCurrentUrl()).doesNotContain(TOKEN);
    }

    @Test
    void a_refusal_of_the_api_is_shown_as_the_message_it_carries() throws Exception {
        live.webhook.answer(Answer.hanging("slow"));
        String id = live.create("long-runner", every(HOUR));
        page.signedIn(TOKEN);
        page.awaitRow("long-runner");
        CompletableFuture<ApiClient.Reply> running = CompletableFuture.supplyAsync(() -> post(live.api, "/" + id + "/run"));
        assertThat(live.webhook.awaitRequest(15)).isNotNull();

        page.click("long-runner", "run");

        String expected = live.api.post("/" + id + "/run", "").body().get("error").asText();
        assertThat(page.awaitNotice(expected)).isEqualTo(expected);
        assertThat(page.noticeIsError()).isTrue();
        live.webhook.releaseHanging();
        assertThat(running.get(15, TimeUnit.SECONDS).status()).isEqualTo(200);
    }

    @Test
    void delete_asks_first_and_then_removes_the_row() throws Exception {
        live.create("obsolete", every(HOUR));
        live.create("keeper", every(HOUR));
        page.signedIn(TOKEN);

        page.click("obsolete", "delete");
        page.awaitDialog("confirm-dialog");
        assertThat(page.text("confirm-title")).isEqualTo("Delete obsolete?");
        page.press("confirm-cancel");
        page.awaitDialogClosed("confirm-dialog");
        page.awaitRow("obsolete");

        page.click("obsolete", "delete");
        page.awaitDialog("confirm-dialog");
        page.press("confirm-ok");

        page.awaitNotice("Deleted obsolete.");
        page.await(driver -> driver.findElements(page.row("obsolete")).isEmpty());
        assertThat(page.listedNames()).containsExactly("keeper");
    }

    @Test
    void the_filter_and_the_search_narrow_the_table() throws Exception {
        live.create("billing-daily", every(HOUR));
        live.create("billing-hourly", every(HOUR));
        String paused = live.create("mailer", every(HOUR));
        live.api.post("/" + paused + "/pause", "");
        page.signedIn(TOKEN);
        page.awaitRow("mailer");

        page.filterByStatus("paused");
        page.awaitListedNames(List.of("mailer"));

        page.filterByStatus("");
        page.search("BILLING");
        page.awaitListedNames(List.of("billing-hourly", "billing-daily"));

        page.search("nothing-like-this");
        page.awaitRowCount(0);
        assertThat(page.text("empty")).isEqualTo("No job matches the filter.");
    }

    @Test
    void the_table_shows_a_page_of_the_newest_jobs_and_loads_the_next_on_request() throws Exception {
        for (int i = 0; i < 105; i++) {
            live.create(String.format("job-%03d", i), every(HOUR));
        }
        page.signedIn(TOKEN);

        page.awaitRowCount(100);
        assertThat(page.listedNames().get(0)).isEqualTo("job-104");
        assertThat(page.count("total")).isEqualTo("105");
        assertThat(browser.findElement(By.id("load-more")).isDisplayed()).isTrue();

        page.press("load-more");
        page.awaitRowCount(105);
        assertThat(page.listedNames().get(104)).isEqualTo("job-000");
        assertThat(browser.findElement(By.id("load-more")).isDisplayed()).isFalse();
    }

    @Test
    void a_job_name_full_of_markup_is_shown_as_text() throws Exception {
        String name = "<img src=x onerror=\"document.title='owned'\"><b>bold</b>";
        live.create(name, every(HOUR));

        page.signedIn(TOKEN);

        assertThat(page.cell(name, "job-name")).isEqualTo(name);
        assertThat(browser.findElements(By.cssSelector("#job-rows img, #job-rows b"))).isEmpty();
        assertThat(browser.getTitle()).isEqualTo("Hourglass dashboard");
    }

    @Test
    void the_instances_panel_shows_this_instance_alive_with_its_heartbeat_and_the_runs_it_holds() throws Exception {
        live.webhook.answer(Answer.hanging("done"));
        String job = live.create("long-export", every(HOUR));
        page.signedIn(TOKEN);

        List<WebElement> instances = page.awaitInstances();
        assertThat(instances).hasSize(1);
        WebElement self = instances.get(0);
        String id = self.getAttribute("data-instance-id");
        assertThat(self.findElement(By.className("instance-name")).getText()).endsWith("(this one)");
        assertThat(self.findElement(By.className("instance-state")).getText()).isEqualTo("alive");
        assertThat(self.findElement(By.className("instance-heartbeat")).getText()).matches("now|\\d+ s ago");
        assertThat(self.findElement(By.className("instance-running")).getText()).isEqualTo("0");

        CompletableFuture<ApiClient.Reply> run = CompletableFuture.supplyAsync(() -> post(live.api, "/" + job + "/run"));
        live.webhook.awaitRequest(10);
        page.awaitInstanceRunning(id, "1");

        live.webhook.releaseHanging();
        assertThat(run.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        page.awaitInstanceRunning(id, "0");
    }

    // ---- operator tools (CONTRACT §12)

    @Test
    void the_edit_form_opens_filled_in_previews_the_next_five_fires_and_saves_with_the_revision() throws Exception {
        String id = live.create("nightly", every(HOUR));
        page.signedIn(TOKEN);

        page.click("nightly", "edit");
        page.awaitDialog("create-dialog");
        assertThat(page.text("create-title")).isEqualTo("Edit nightly");
        assertThat(page.value("f-name")).isEqualTo("nightly");
        assertThat(page.value("f-interval")).isEqualTo("1");
        assertThat(page.value("f-interval-unit")).isEqualTo("3600000");
        page.awaitPreview("Next 5 runs");
        assertThat(page.rowsOfList("#schedule-preview .preview-runs li")).hasSize(5);

        page.type("f-name", "nightly-v2");
        page.type("f-interval", "30");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("f-interval-unit"))).selectByValue("60000");
        page.type("f-expect", "120");
        page.press("create-submit");

        page.awaitDialogClosed("create-dialog");
        page.awaitRow("nightly-v2");
        assertThat(page.awaitNotice("Saved")).isEqualTo("Saved nightly-v2.");
        var job = live.api.job(id);
        assertThat(job.get("revision").asLong()).isEqualTo(2);
        assertThat(job.get("schedule").get("intervalMs").asLong()).isEqualTo(30 * 60_000);
        assertThat(job.get("expectSuccessWithinMs").asLong()).isEqualTo(120 * 60_000);
        assertThat(live.api.get("/" + id + "/audit").body().get("entries").get(0).get("action").asText())
                .isEqualTo("update");
    }

    @Test
    void the_pause_until_picker_pauses_the_job_and_shows_when_it_resumes() throws Exception {
        String id = live.create("mailer", every(HOUR));
        page.signedIn(TOKEN);

        page.click("mailer", "pause-until");
        page.awaitDialog("pause-dialog");
        page.setLocalDateTime("f-until", 2 * HOUR);
        page.type("f-pause-reason", "mail server upgrade");
        page.press("pause-confirm");

        page.awaitDialogClosed("pause-dialog");
        page.awaitBadge("mailer", "paused");
        assertThat(page.awaitNotice("Paused mailer until")).startsWith("Paused mailer until");
        assertThat(page.cell("mailer", "tag-until")).startsWith("until ");
        assertThat(live.api.job(id).get("pausedUntil").isNull()).isFalse();
        page.awaitExplanation("mailer", "resumes by itself at");
    }

    @Test
    void a_stale_job_shows_a_badge_and_the_summary_counts_it() throws Exception {
        String id = live.api.create("{\"name\":\"heartbeat\",\"task\":\"t\",\"expectSuccessWithinMs\":60000,"
                + "\"schedule\":{\"kind\":\"every\",\"intervalMs\":" + HOUR + "}}");
        page.signedIn(TOKEN);
        page.awaitRow("heartbeat");
        backdateCreation(id, java.time.Duration.ofMinutes(2));

        page.awaitCount("stale", "1");
        assertThat(page.cell("heartbeat", "tag-stale")).isEqualTo("stale");
        assertThat(live.api.job(id).get("stale").asBoolean()).isTrue();
        page.openExplanation("heartbeat");
        assertThat(page.reasonCodes("heartbeat")).containsExactly("scheduled", "stale");
    }

    @Test
    void the_explain_summary_stands_next_to_every_job_and_a_click_shows_the_reasons() throws Exception {
        live.create("tidy", every(HOUR));
        String paused = live.create("resting", every(HOUR));
        live.api.post("/" + paused + "/pause", "{\"reason\":\"holiday\"}");
        page.signedIn(TOKEN);

        assertThat(page.awaitExplanation("tidy", "It fires next at")).contains("every hour");
        assertThat(page.awaitExplanation("resting", "It is paused")).contains("by user", "holiday");

        page.openExplanation("resting");
        assertThat(page.reasonCodes("resting")).containsExactly("paused");
    }

    @Test
    void a_refresh_asks_again_only_for_the_explanation_of_a_job_that_changed() throws Exception {
        live.create("tidy", every(HOUR));
        String resting = live.create("resting", every(HOUR));
        page.signedIn(TOKEN);
        page.awaitExplanation("tidy", "It fires next at");
        page.awaitExplanation("resting", "It fires next at");
        assertThat(page.explainRequests()).isEqualTo(2);

        live.api.post("/" + resting + "/pause", "{\"reason\":\"holiday\"}");
        page.press("refresh");

        page.awaitExplanation("resting", "It is paused");
        assertThat(page.explainRequests()).as("unchanged tidy is not asked again").isEqualTo(3);
        assertThat(page.awaitExplanation("tidy", "It fires next at")).contains("every hour");
    }

    @Test
    void the_history_shows_a_chart_of_the_last_runs_coloured_by_outcome_with_errors_marked() throws Exception {
        String id = live.create("flaky", every(HOUR));
        live.webhook.answer(Answer.ok("fine"));
        live.api.post("/" + id + "/run", "");
        live.webhook.answer(Answer.status(500, "broken"));
        live.api.post("/" + id + "/run", "");
        live.webhook.answer(Answer.ok("fine again"));
        live.api.post("/" + id + "/run", "");
        page.signedIn(TOKEN);

        page.click("flaky", "history");
        page.awaitDialog("history-dialog");
        page.press("tab-runs");

        List<String> bars = page.chartBars();
        assertThat(bars).containsExactly("ok", "error", "ok");
        assertThat(browser.findElements(By.cssSelector("#run-chart svg circle.error-mark"))).hasSize(1);
    }

    @Test
    void the_dependency_panel_lists_each_dependency_and_holding_one_asks_for_a_reason_and_marks_its_jobs_held()
            throws Exception {
        String first = live.api.create(withDependency("call-model", "model-provider"));
        live.api.create(withDependency("summarize", "model-provider"));
        live.create("tidy", every(HOUR));
        page.signedIn(TOKEN);

        page.awaitDependencyState("model-provider", "closed");
        assertThat(page.dependencyCell("model-provider", "dependency-jobs")).isEqualTo("2");
        assertThat(page.dependencyCell("model-provider", "dependency-held")).isEqualTo("0");
        assertThat(page.count("dependencies")).isEqualTo("0");

        page.clickDependency("model-provider", "hold");
        page.awaitDialog("dependency-dialog");
        assertThat(page.text("dependency-title")).isEqualTo("Hold model-provider");
        page.setLocalDateTime("f-dependency-until", 2 * HOUR);
        page.press("dependency-confirm");
        assertThat(page.awaitFieldError("dependency-error")).contains("reason");
        assertThat(live.api.get("/dependencies").body().get("dependencies").get(0).get("state").asText())
                .isEqualTo("closed");
        page.type("f-dependency-reason", "provider maintenance");
        page.press("dependency-confirm");

        page.awaitDialogClosed("dependency-dialog");
        page.awaitDependencyState("model-provider", "open");
        assertThat(page.awaitNotice("Holding model-provider")).endsWith(": provider maintenance");
        assertThat(page.dependencyCell("model-provider", "dependency-held")).isEqualTo("2");
        assertThat(page.dependencyCell("model-provider", "dependency-until")).isNotEmpty();
        assertThat(page.dependencyCell("model-provider", "dependency-cause")).contains("provider maintenance");
        page.awaitCount("dependencies", "1");
        page.awaitHeldMark("call-model", true);
        page.awaitHeldMark("summarize", true);
        page.awaitHeldMark("tidy", false);
        assertThat(page.cell("call-model", "tag-held")).isEqualTo("held by model-provider");
        page.awaitExplanation("call-model", "It is held: its dependency model-provider is open");
        assertThat(live.api.job(first).get("heldByDependency").asBoolean()).isTrue();
        var entry = live.api.get("/" + first + "/audit").body().get("entries").get(0);
        assertThat(entry.get("action").asText()).isEqualTo("dependency_open");
        assertThat(entry.get("detail").asText()).contains("provider maintenance");
    }

    @Test
    void closing_a_held_dependency_asks_for_a_reason_and_its_jobs_are_no_longer_held() throws Exception {
        String id = live.api.create(withDependency("call-model", "model-provider"));
        live.api.post("/dependencies/model-provider/open", "{\"until\":\""
                + dev.hourglass.domain.model.Instants.format(java.time.Instant.now().plusSeconds(7200)) + "\"}");
        page.signedIn(TOKEN);
        page.awaitDependencyState("model-provider", "open");
        page.awaitHeldMark("call-model", true);

        page.clickDependency("model-provider", "close");
        page.awaitDialog("dependency-dialog");
        assertThat(page.text("dependency-title")).isEqualTo("Close model-provider");
        page.press("dependency-confirm");
        assertThat(page.awaitFieldError("dependency-error")).contains("reason");
        page.type("f-dependency-reason", "provider is back");
        page.press("dependency-confirm");

        page.awaitDialogClosed("dependency-dialog");
        page.awaitDependencyState("model-provider", "closed");
        page.awaitHeldMark("call-model", false);
        page.awaitCount("dependencies", "0");
        assertThat(page.dependencyCell("model-provider", "dependency-held")).isEqualTo("0");
        assertThat(live.api.job(id).get("heldByDependency").asBoolean()).isFalse();
        assertThat(live.api.get("/" + id + "/audit").body().get("entries").get(0).get("action").asText())
                .isEqualTo("dependency_close");
    }

    private static String withDependency(String name, String dependency) {
        return "{\"name\":\"" + name + "\",\"task\":\"t\",\"dependency\":\"" + dependency + "\","
                + "\"schedule\":{\"kind\":\"every\",\"intervalMs\":" + HOUR + "}}";
    }

    private void backdateCreation(String id, java.time.Duration by) throws java.sql.SQLException {
        org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
        config.setBusyTimeout(5_000);
        try (java.sql.Connection db = config.createConnection("jdbc:sqlite:" + dir.resolve("scheduler.db"));
                java.sql.PreparedStatement update = db.prepareStatement(
                        "UPDATE jobs SET created_at = ? WHERE id = ?")) {
            update.setString(1, dev.hourglass.domain.model.Instants.format(java.time.Instant.now().minus(by)));
            update.setString(2, id);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static ApiClient.Reply post(ApiClient api, String path) {
        try {
            return api.post(path, "");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
