package dev.hourglass.app.dashboard;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The dashboard as an operator sees it: what the tests read and click, by the page's ids and data attributes. */
final class DashboardPage {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private final WebDriver driver;
    private final WebDriverWait wait;

    DashboardPage(WebDriver driver) {
        this.driver = driver;
        // The table is redrawn on every refresh: an element found a moment ago may be gone; look again.
        this.wait = new WebDriverWait(driver, PATIENCE);
        this.wait.ignoring(StaleElementReferenceException.class);
    }

    /** Opens the page in a clean tab state: no token stored yet. */
    DashboardPage open(String serviceUrl) {
        driver.get(serviceUrl + "/ui/");
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
        driver.navigate().refresh();
        return this;
    }

    WebElement tokenPrompt() {
        return driver.findElement(By.id("token-dialog"));
    }

    boolean tokenPromptIsOpen() {
        return tokenPrompt().isDisplayed();
    }

    DashboardPage awaitTokenPrompt() {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
        return this;
    }

    String tokenError() {
        return driver.findElement(By.id("token-error")).getText();
    }

    DashboardPage signIn(String token) {
        awaitTokenPrompt();
        driver.findElement(By.id("token-input")).sendKeys(token);
        driver.findElement(By.cssSelector("#token-form button[type=submit]")).click();
        return this;
    }

    /** Signs in and waits for the first listing. */
    DashboardPage signedIn(String token) {
        signIn(token);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("token-dialog")));
        wait.until(driver -> !driver.findElement(By.id("updated")).getText().isEmpty());
        return this;
    }

    String storedToken() {
        return (String) ((JavascriptExecutor) driver).executeScript("return sessionStorage.getItem('hourglass.token')");
    }

    // ---- the table ------------------------------------------------------------------------

    By row(String name) {
        return By.xpath("//tbody[@id='job-rows']/tr[@data-job-name=" + xpathLiteral(name) + "]");
    }

    WebElement awaitRow(String name) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(row(name)));
    }

    List<String> listedNames() {
        return wait.until(driver -> driver.findElements(By.cssSelector("#job-rows tr")).stream()
                .map(tr -> tr.findElement(By.className("job-name")).getText())
                .toList());
    }

    /** Waits until the table lists exactly {@code names}, in that order: filters and pages load asynchronously. */
    List<String> awaitListedNames(List<String> names) {
        return wait.until(driver -> {
            List<String> listed = driver.findElements(By.cssSelector("#job-rows tr")).stream()
                    .map(tr -> tr.findElement(By.className("job-name")).getText()).toList();
            return listed.equals(names) ? listed : null;
        });
    }

    /** Waits until the table has {@code rows} rows. */
    void awaitRowCount(int rows) {
        wait.until(driver -> driver.findElements(By.cssSelector("#job-rows tr")).size() == rows);
    }

    String badge(String name) {
        return wait.until(driver -> driver.findElement(row(name)).findElement(By.cssSelector(".badge.status")).getText());
    }

    /** Waits for the row of {@code name} to show {@code status}, for as long as a refresh may take. */
    void awaitBadge(String name, String status) {
        wait.until(textOf(row(name), By.cssSelector(".badge.status"), status));
    }

    String cell(String name, String cssClass) {
        return wait.until(driver -> driver.findElement(row(name)).findElement(By.className(cssClass)).getText());
    }

    void click(String name, String action) {
        wait.until(driver -> {
            WebElement button = driver.findElement(row(name)).findElement(By.cssSelector("button[data-action='" + action + "']"));
            button.click();
            return true;
        });
    }

    /** Opens the row's "last error" and answers the error shown. */
    String expandLastError(String name) {
        wait.until(driver -> {
            driver.findElement(row(name)).findElement(By.cssSelector(".last-error summary")).click();
            return true;
        });
        return wait.until(driver -> {
            String text = driver.findElement(row(name)).findElement(By.cssSelector(".last-error pre")).getText();
            return text.isEmpty() ? null : text;
        });
    }

    /** The actions the row of {@code name} offers, by their {@code data-action}. */
    List<String> actions(String name) {
        return wait.until(driver -> driver.findElement(row(name)).findElements(By.cssSelector("button[data-action]"))
                .stream().map(button -> button.getAttribute("data-action")).toList());
    }

    String count(String which) {
        return driver.findElement(By.id("count-" + which)).getText();
    }

    void awaitCount(String which, String value) {
        wait.until(ExpectedConditions.textToBe(By.id("count-" + which), value));
    }

    void filterByStatus(String status) {
        new Select(driver.findElement(By.id("status-filter"))).selectByValue(status);
    }

    void search(String text) {
        WebElement search = driver.findElement(By.id("search"));
        search.clear();
        search.sendKeys(text);
    }

    String awaitNotice(String containing) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), containing));
        return driver.findElement(By.id("notice")).getText();
    }

    boolean noticeIsError() {
        return driver.findElement(By.id("notice")).getAttribute("class").contains("notice-error");
    }

    // ---- dialogs --------------------------------------------------------------------------

    WebElement awaitDialog(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    void awaitDialogClosed(String id) {
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id(id)));
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    void type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    void press(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    List<WebElement> rowsOf(String tbodyId) {
        return driver.findElements(By.cssSelector("#" + tbodyId + " tr"));
    }

    /** Opens "New job" and fills it in for a cron schedule; {@code tz} may be null for the server's zone. */
    void fillNewCronJob(String name, String expr, String tz, String task) {
        press("new-job");
        awaitDialog("create-dialog");
        type("f-name", name);
        chooseKind("cron");
        type("f-expr", expr);
        if (tz != null) {
            type("f-tz", tz);
        }
        type("f-task", task);
    }

    void chooseKind(String kind) {
        driver.findElement(By.cssSelector("input[name=kind][value=" + kind + "]")).click();
    }

    String awaitFieldError(String id) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        return text(id);
    }

    String awaitPreview(String containing) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("schedule-preview"), containing));
        return text("schedule-preview");
    }

    /** The rows of the instances panel, once it lists at least one instance. */
    List<WebElement> awaitInstances() {
        return wait.until(driver -> {
            List<WebElement> rows = driver.findElements(By.cssSelector("#cluster-rows tr"));
            return rows.isEmpty() ? null : rows;
        });
    }

    /** Waits until the instance {@code id} shows {@code running} runs under way. */
    void awaitInstanceRunning(String id, String running) {
        wait.until(textOf(By.cssSelector("#cluster-rows tr[data-instance-id='" + id + "']"),
                By.className("instance-running"), running));
    }

    String value(String id) {
        return driver.findElement(By.id(id)).getAttribute("value");
    }

    List<WebElement> rowsOfList(String css) {
        return wait.until(driver -> {
            List<WebElement> items = driver.findElements(By.cssSelector(css));
            return items.isEmpty() ? null : items;
        });
    }

    /** Sets a datetime-local field to the browser's local time {@code offsetMs} from now, as a picker would. */
    void setLocalDateTime(String id, long offsetMs) {
        ((JavascriptExecutor) driver).executeScript("const t = new Date(Date.now() + arguments[1]);"
                + "const p = (n) => String(n).padStart(2, '0');"
                + "document.getElementById(arguments[0]).value = t.getFullYear() + '-' + p(t.getMonth() + 1) + '-'"
                + " + p(t.getDate()) + 'T' + p(t.getHours()) + ':' + p(t.getMinutes()) + ':' + p(t.getSeconds());",
                id, offsetMs);
    }

    /** Waits for the explanation next to {@code name} to contain {@code containing}; answers it. */
    String awaitExplanation(String name, String containing) {
        return wait.until(driver -> {
            List<WebElement> summaries = driver.findElement(row(name)).findElements(By.className("explain-summary"));
            String text = summaries.isEmpty() ? "" : summaries.get(0).getText();
            return text.contains(containing) ? text : null;
        });
    }

    /** How many explanations the page has asked the server for since it loaded. */
    long explainRequests() {
        return (Long) ((JavascriptExecutor) driver).executeScript("return performance.getEntriesByType('resource')"
                + ".filter((entry) => entry.name.endsWith('/explain')).length");
    }

    /** Clicks the explanation of {@code name} open. */
    void openExplanation(String name) {
        wait.until(driver -> {
            WebElement details = driver.findElement(row(name)).findElement(By.cssSelector("details.explain"));
            if (details.getAttribute("open") == null) {
                details.findElement(By.tagName("summary")).click();
            }
            return details.getAttribute("open") != null;
        });
    }

    /** The reason codes the opened explanation of {@code name} lists. */
    List<String> reasonCodes(String name) {
        return wait.until(driver -> {
            List<String> codes = driver.findElement(row(name)).findElements(By.cssSelector(".explain-reasons li"))
                    .stream().filter(WebElement::isDisplayed).map(li -> li.getAttribute("data-code")).toList();
            return codes.isEmpty() ? null : codes;
        });
    }

    /** The outcome of each bar of the history's run chart, oldest first. */
    List<String> chartBars() {
        return wait.until(driver -> {
            List<String> bars = driver.findElements(By.cssSelector("#run-chart svg rect.bar")).stream()
                    .map(bar -> bar.getAttribute("data-status")).toList();
            return bars.isEmpty() ? null : bars;
        });
    }

    // ---- dependencies ---------------------------------------------------------------------

    By dependencyRow(String name) {
        return By.xpath("//tbody[@id='dependency-rows']/tr[@data-dependency=" + xpathLiteral(name) + "]");
    }

    /** Waits for the dependency {@code name} to be listed in {@code state} (its wire name). */
    void awaitDependencyState(String name, String state) {
        wait.until(driver -> {
            List<WebElement> rows = driver.findElements(dependencyRow(name));
            return !rows.isEmpty() && state.equals(rows.get(0).getAttribute("data-state"));
        });
    }

    String dependencyCell(String name, String cssClass) {
        return wait.until(driver -> driver.findElement(dependencyRow(name)).findElement(By.className(cssClass)).getText());
    }

    void clickDependency(String name, String action) {
        wait.until(driver -> {
            driver.findElement(dependencyRow(name)).findElement(By.cssSelector("button[data-action='" + action + "']"))
                    .click();
            return true;
        });
    }

    /** Whether the row of job {@code name} is marked as held by its dependency, once it shows {@code held}. */
    void awaitHeldMark(String name, boolean held) {
        wait.until(driver -> driver.findElement(row(name)).findElements(By.className("tag-held")).isEmpty() != held);
    }

    <T> T await(ExpectedCondition<T> condition) {
        return wait.until(condition);
    }

    private static ExpectedCondition<Boolean> textOf(By row, By inside, String expected) {
        return driver -> {
            List<WebElement> rows = driver.findElements(row);
            return !rows.isEmpty() && rows.get(0).findElement(inside).getText().equals(expected);
        };
    }

    /** A job name as an XPath string literal, whatever quotes it holds. */
    private static String xpathLiteral(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }
}
