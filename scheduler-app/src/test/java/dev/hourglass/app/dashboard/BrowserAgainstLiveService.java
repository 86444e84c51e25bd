package dev.hourglass.app.dashboard;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * One headless Chromium per test class (starting a browser is the slow part) and, for every test, a
 * fresh service on its own database and webhook stub, with the page opened on it without a token.
 */
abstract class BrowserAgainstLiveService {

    /** Two errors in a row trip the breaker: the failure story needs two runs, not ten. */
    static final int BREAKER = 2;

    @TempDir
    static Path profile;
    static ChromeDriver browser;

    @TempDir
    Path dir;
    LiveService live;
    DashboardPage page;

    @BeforeAll
    static void startBrowser() {
        browser = Chromium.start(profile);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void startService() throws Exception {
        live = LiveService.start(dir, BREAKER);
        page = new DashboardPage(browser).open(live.url());
    }

    @AfterEach
    void stopService() {
        if (live != null) {
            live.close();
        }
    }
}
