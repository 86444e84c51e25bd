package dev.hourglass.app.dashboard;

import static dev.hourglass.app.dashboard.LiveService.TOKEN;
import static dev.hourglass.app.dashboard.LiveService.cron;
import static dev.hourglass.app.dashboard.LiveService.every;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.app.StubWebhook.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;

/**
 * Pictures of the dashboard with jobs in every state, and of the force-resume dialog. They go to
 * {@code target/dashboard-screenshots/}; the README's copies in {@code docs/} are made with
 * {@code -Ddashboard.screenshots=<repo>/docs} (see the README's Dashboard section). It makes
 * pictures rather than checking anything the other dashboard tests do not, so it runs only with
 * {@code -Pscreenshots}.
 */
@Tag("screenshots")
class DashboardScreenshotsIT extends BrowserAgainstLiveService {

    private static final long HOUR = 3_600_000;

    @Test
    void captures_the_main_page_and_the_force_resume_dialog() throws Exception {
        live.webhook.answer(Answer.ok("synced 42 invoices"));
        String synced = live.create("sync-invoices", every(5 * 60_000));
        live.api.post("/" + synced + "/run", "");
        String oneShot = live.create("reindex-search",
                "{\"kind\":\"at\",\"at\":\"" + Instant.now().plus(2, ChronoUnit.HOURS) + "\"}");
        live.api.post("/" + oneShot + "/run", "");
        live.create("weekday-report", cron("0 9 * * 1-5"));
        String paused = live.create("newsletter", every(24 * HOUR));
        live.api.post("/" + paused + "/pause", "{\"reason\":\"campaign on hold\"}");
        live.webhook.answer(Answer.status(503, "upstream unavailable"));
        String flaky = live.create("export-ledger", every(HOUR));
        live.api.post("/" + flaky + "/run", "");
        String failing = live.create("charge-cards", every(HOUR));
        for (int run = 0; run < BREAKER; run++) {
            live.api.post("/" + failing + "/run", "");
        }

        page.signedIn(TOKEN);
        page.awaitBadge("charge-cards", "failed");
        page.awaitBadge("reindex-search", "completed");
        page.expandLastError("charge-cards");
        save("dashboard.png");

        page.click("charge-cards", "resume");
        page.awaitDialog("force-dialog");
        page.type("force-reason", "card processor confirmed the outage is over");
        assertThat(page.rowsOf("force-runs")).hasSize(BREAKER);
        save("dashboard-force-resume.png");

        page.press("force-confirm");
        page.awaitBadge("charge-cards", "active");
        page.click("charge-cards", "history");
        page.awaitDialog("history-dialog");
        save("dashboard-history.png");
        page.press("history-close");

        page.fillNewCronJob("nightly-backup", "30 2 * * *", "Europe/Berlin", "{\"target\":\"s3://backups\"}");
        page.awaitPreview("next run");
        save("dashboard-create.png");
    }

    private static void save(String name) throws Exception {
        Path folder = Path.of(System.getProperty("dashboard.screenshots", "target/dashboard-screenshots"));
        Files.createDirectories(folder);
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
