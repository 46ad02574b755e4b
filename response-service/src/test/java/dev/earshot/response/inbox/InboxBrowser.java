package dev.earshot.response.inbox;

import static dev.earshot.response.task.TestData.conversation;
import static dev.earshot.response.task.TestData.mentionId;
import static dev.earshot.response.task.TestData.scored;
import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.earshot.response.task.Ingest;
import dev.earshot.response.task.TaskIngestion;
import dev.earshot.response.task.TestData;
import dev.earshot.testing.AccessibilityAudit;
import dev.earshot.testing.DevJwt;
import dev.earshot.testing.HeadlessChromium;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;

/**
 * What the inbox's browser tests share: headless Chromium (Debian's chromium and chromium-driver, the driver named
 * explicitly so Selenium downloads nothing) against the test's HTTP port and the real PostgreSQL, two people in the
 * directory (Ann an agent, Lena a lead, both of team support), tasks ingested as scored mentions, screenshots in
 * target/inbox-screenshots.
 */
abstract class InboxBrowser {

    static final String ANN = "ann@acme.example";
    static final String LENA = "lena@acme.example";
    static final String PASSWORD = "correct horse battery";
    static final Duration WAIT = Duration.ofSeconds(15);

    @TestHTTPResource("/")
    URL root;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TaskIngestion ingestion;

    @Inject
    ObjectMapper mapper;

    final List<WebDriver> browsers = new ArrayList<>();

    @BeforeEach
    void people() {
        TestData.truncate(dataSource);
        InboxPeople.removeAll(dataSource);
        InboxPeople.add(dataSource, ANN, "agent", PASSWORD, "support");
        InboxPeople.add(dataSource, LENA, "lead", PASSWORD, "support");
    }

    @AfterEach
    void close() {
        browsers.forEach(WebDriver::quit);
        InboxPeople.removeAll(dataSource);
    }

    WebDriver browser() throws IOException {
        return browser(1280, 900);
    }

    WebDriver browser(int width, int height) throws IOException {
        ChromeDriver driver = (ChromeDriver) HeadlessChromium.start(width + "," + height);
        browsers.add(driver);
        if (width < 500) {
            // headless Chromium keeps windows at least 500 px wide: a phone's viewport is emulated instead
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                    "deviceScaleFactor", 1, "mobile", true));
        }
        return driver;
    }

    String url(String path) {
        return root.toString().replaceAll("/$", "") + path;
    }

    WebDriver signedIn(String who) throws IOException {
        return signIn(browser(), who);
    }

    WebDriver signIn(WebDriver d, String who) {
        return signIn(d, url("/inbox"), who);
    }

    /** Signs {@code who} in (password {@link #PASSWORD}) through the login page {@code inbox} sends to. */
    static WebDriver signIn(WebDriver d, String inbox, String who) {
        d.get(inbox);
        wait(d).until(ExpectedConditions.urlContains("/inbox/login"));
        d.findElement(By.id("username")).sendKeys(who);
        d.findElement(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);
        wait(d).until(ExpectedConditions.presenceOfElementLocated(By.id("queue")));
        return d;
    }

    /** Waits, retrying through rows that htmx replaced while they were read. */
    static WebDriverWait wait(WebDriver d) {
        WebDriverWait wait = new WebDriverWait(d, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    static void keys(WebDriver d, CharSequence... keys) {
        new Actions(d).sendKeys(keys).perform();
    }

    /** Saves what the browser shows and audits it for accessibility (every page a test shows is audited). */
    static void screenshot(WebDriver d, String name) {
        HeadlessChromium.screenshot(d, name);
        AccessibilityAudit.check(d, name);
    }

    long task(double urgency, double sentiment) {
        String conversationId = conversation();
        Ingest.record(ingestion, mapper, scored(mentionId(), conversationId, urgency, sentiment, 5000L));
        return TestData.taskId(dataSource, conversationId);
    }

    /** A task from a scored mention the test shaped ({@link TestData#scoredNode}, changed). */
    long task(ObjectNode scored) {
        Ingest.record(ingestion, mapper, scored);
        return TestData.taskId(dataSource, scored.path("mention").path("conversationId").asText());
    }

    static ObjectNode scoredNode(double urgency, double sentiment) {
        return TestData.scoredNode(mentionId(), conversation(), urgency, sentiment, 5000L);
    }

    static List<Long> rowIds(WebDriver d) {
        return d.findElements(By.cssSelector("tr.task")).stream().map(r -> Long.parseLong(r.getAttribute("data-id")))
                .toList();
    }

    static Map<String, Object> apiTask(long id) {
        return given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/tasks/{id}", id).then().statusCode(200)
                .extract().jsonPath().getMap("$");
    }
}
