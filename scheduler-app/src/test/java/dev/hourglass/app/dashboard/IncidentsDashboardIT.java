package dev.hourglass.app.dashboard;

import static dev.hourglass.app.dashboard.LiveService.TOKEN;
import static dev.hourglass.app.dashboard.LiveService.every;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hourglass.app.StubWebhook.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dashboard's incident banner, job selection and bulk force resume (CONTRACT §11.3, §11.4) in
 * real Chromium against the real service, whose breaker trips after {@value #BREAKER} errors.
 */
class IncidentsDashboardIT extends BrowserAgainstLiveService {

    private static final long HOUR = 3_600_000;

    @Test
    void jobs_failing_alike_show_one_incident_banner_listing_them_and_the_summary_counts_it() throws Exception {
        List<String> ids = fleet("sync", 4);
        ids.forEach(id -> run(id, 1));

        page.signedIn(TOKEN);

        page.awaitCount("incidents", "1");
        WebElement banner = awaitIncident();
        assertThat(banner.findElement(By.className("incident-count")).getText()).isEqualTo("4 jobs");
        assertThat(banner.findElement(By.className("incident-signature")).getText())
                .isEqualTo("HTTP <n>: order <n> of <str> is locked");
        assertThat(banner.findElements(By.className("incident-job-name"))).extracting(WebElement::getText)
                .containsExactlyInAnyOrder("sync-1", "sync-2", "sync-3", "sync-4");
        assertThat(browser.findElement(By.id("incidents")).isDisplayed()).isTrue();
    }

    @Test
    void checked_rows_are_force_resumed_together_after_a_dry_run_and_a_reason() throws Exception {
        List<String> ids = fleet("etl", 3);
        ids.forEach(id -> run(id, BREAKER));
        page.signedIn(TOKEN);
        page.awaitBadge("etl-1", "failed");

        check("etl-1");
        check("etl-3");
        assertThat(page.text("selection-count")).isEqualTo("2 jobs selected");
        page.press("bulk-resume-selected");
        page.awaitDialog("bulk-dialog");
        page.await(driver -> page.text("bulk-summary").startsWith("2 jobs would be resumed"));
        assertThat(page.rowsOf("bulk-resumed")).extracting(row -> row.getAttribute("data-job-id"))
                .containsExactlyInAnyOrder(ids.get(0), ids.get(2));
        assertThat(live.api.job(ids.get(0)).get("status").asText()).as("the dry run changed nothing").isEqualTo("failed");

        page.press("bulk-confirm");
        assertThat(page.awaitFieldError("bulk-error")).contains("reason");
        live.webhook.answer(Answer.ok("fine"));
        page.type("bulk-reason", "the lock table was cleared");
        page.press("bulk-confirm");

        page.awaitDialogClosed("bulk-dialog");
        assertThat(page.awaitNotice("Force-resumed 2 jobs")).contains("the lock table was cleared");
        page.awaitBadge("etl-1", "active");
        page.awaitBadge("etl-3", "active");
        assertThat(page.badge("etl-2")).isEqualTo("failed");
        JsonNode entry = live.api.get("/" + ids.get(2) + "/audit").body().get("entries").get(0);
        assertThat(entry.get("action").asText()).isEqualTo("force_resume");
        assertThat(entry.get("detail").asText()).startsWith("part of a bulk resume; reason: the lock table was cleared");
        page.await(driver -> browser.findElement(By.id("selection-bar")).getAttribute("hidden") != null);
    }

    @Test
    void all_failed_in_an_incident_are_selected_with_one_click_and_its_failed_jobs_resumed_from_the_banner()
            throws Exception {
        List<String> ids = fleet("report", 4);
        ids.subList(0, 3).forEach(id -> run(id, BREAKER));
        run(ids.get(3), 1);
        page.signedIn(TOKEN);
        WebElement banner = awaitIncident();

        banner.findElement(By.cssSelector("button[data-action='select-incident-failed']")).click();

        page.await(driver -> page.text("selection-count").equals("3 jobs selected"));
        assertThat(selectedRows()).containsExactlyInAnyOrder("report-1", "report-2", "report-3");

        awaitIncident().findElement(By.cssSelector("button[data-action='resume-incident-failed']")).click();
        page.awaitDialog("bulk-dialog");
        page.await(driver -> page.text("bulk-summary").startsWith("3 jobs would be resumed"));
        page.type("bulk-reason", "report store is back");
        page.press("bulk-confirm");

        page.awaitDialogClosed("bulk-dialog");
        page.awaitNotice("Force-resumed 3 jobs");
        for (int i = 1; i <= 3; i++) {
            page.awaitBadge("report-" + i, "active");
        }
        assertThat(page.text("selection-count")).as("a banner's resume keeps the selection").isEqualTo("3 jobs selected");
    }

    // ---- helpers

    /** {@code count} jobs on a webhook that refuses each with the same error, its numbers and name its own. */
    private List<String> fleet(String prefix, int count) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        live.webhook.answering(request -> Answer.status(500, "order " + (4000 + calls.incrementAndGet())
                + " of \"customer-" + calls.get() + "\" is locked"));
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ids.add(live.create(prefix + "-" + i, every(HOUR)));
        }
        return ids;
    }

    private void run(String id, int times) {
        try {
            for (int i = 0; i < times; i++) {
                live.api.post("/" + id + "/run", "");
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private WebElement awaitIncident() {
        return page.await(driver -> {
            List<WebElement> cards = driver.findElements(By.cssSelector("#incident-list .incident"));
            return cards.isEmpty() || !cards.get(0).isDisplayed() ? null : cards.get(0);
        });
    }

    private void check(String name) {
        page.await(driver -> {
            WebElement box = driver.findElement(page.row(name)).findElement(By.cssSelector("input[data-select-job]"));
            if (!box.isSelected()) {
                box.click();
            }
            return box.isSelected();
        });
    }

    private List<String> selectedRows() {
        return page.await(driver -> driver.findElements(By.cssSelector("#job-rows tr")).stream()
                .filter(row -> row.findElement(By.cssSelector("input[data-select-job]")).isSelected())
                .map(row -> row.getAttribute("data-job-name")).toList());
    }
}
