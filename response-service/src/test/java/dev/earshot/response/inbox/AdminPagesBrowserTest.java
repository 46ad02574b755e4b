package dev.earshot.response.inbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.earshot.response.inbox.InboxBrowserTest.PASSWORD;
import static dev.earshot.response.inbox.InboxBrowserTest.screenshot;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import dev.earshot.response.task.Ingest;
import dev.earshot.response.task.TaskIngestion;
import dev.earshot.response.task.TestData;
import dev.earshot.testing.HeadlessChromium;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The inbox's Admin section in a real browser (headless Chromium, as {@link InboxBrowserTest}): an admin adds an
 * agent who then signs in and finds no admin page; a webhook to a local receiver (WireMock) is added, test-sent and a
 * delivery redelivered; a refused URL and a form without its CSRF token change nothing; a lead keeps the saved
 * replies. Screenshots of each page land in target/inbox-screenshots (admin-*.png).
 */
@QuarkusTest
class AdminPagesBrowserTest {

    static final String ROOT = "root@acme.example";
    static final String LENA = "lena@acme.example";
    static final String ZOE = "zoe@acme.example";

    static WireMockServer receiver;

    @TestHTTPResource("/")
    URL root;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TaskIngestion ingestion;

    @Inject
    ObjectMapper mapper;

    final List<WebDriver> browsers = new ArrayList<>();

    @BeforeAll
    static void start() {
        receiver = new WireMockServer(wireMockConfig().dynamicPort());
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop();
    }

    @BeforeEach
    void people() {
        InboxPeople.removeAll(dataSource);
        InboxPeople.add(dataSource, ROOT, "admin", PASSWORD);
        InboxPeople.add(dataSource, LENA, "lead", PASSWORD, "support");
    }

    /** What the tests made: people, the webhooks (so later events do not go to a stopped receiver), saved replies. */
    @AfterEach
    void clean() {
        browsers.forEach(WebDriver::quit);
        InboxPeople.removeAll(dataSource);
        TestData.sql(dataSource, "DELETE FROM webhook_subscription WHERE created_by = '" + ROOT + "'");
        TestData.sql(dataSource, "DELETE FROM saved_reply WHERE created_by = '" + LENA + "'");
    }

    String url(String path) {
        return root.toString().replaceAll("/$", "") + path;
    }

    WebDriver signedIn(String who) throws IOException {
        WebDriver d = HeadlessChromium.start(HeadlessChromium.DESKTOP);
        browsers.add(d);
        return InboxBrowserTest.signIn(d, url("/inbox"), who);
    }

    static WebDriverWait waitFor(WebDriver d) {
        return InboxBrowserTest.wait(d);
    }

    static String secret(WebDriver d) {
        return waitFor(d).until(ExpectedConditions.presenceOfElementLocated(By.id("secret-value")))
                .getAttribute("value");
    }

    static void type(WebDriver d, String id, String text) {
        WebElement field = d.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    static void submit(WebDriver d, String formId) {
        d.findElement(By.cssSelector("#" + formId + " button[type=submit]")).click();
    }

    /**
     * Waits until the element {@code id} says {@code words}: after a submit the page before (with its own notice) may
     * still be shown, or be replaced while it is read.
     */
    static void shows(WebDriver d, String id, String words) {
        waitFor(d).until(x -> x.findElement(By.id(id)).getText().contains(words));
    }

    static String text(WebDriver d, String id) {
        return waitFor(d).until(x -> x.findElement(By.id(id)).getText());
    }

    long count(String sql, String value) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    @Test
    void anAdminAddsAnAgentWhoThenFindsNoAdminPage() throws IOException {
        WebDriver admin = signedIn(ROOT);
        admin.findElement(By.linkText("Admin")).click();
        waitFor(admin).until(ExpectedConditions.urlContains("/inbox/admin/users"));
        screenshot(admin, "admin-users");

        type(admin, "display-name", "Zoe Agent");
        type(admin, "email", ZOE);
        new Select(admin.findElement(By.id("role"))).selectByValue("agent");
        admin.findElement(By.id("team-support")).click();
        type(admin, "new-password", PASSWORD);
        submit(admin, "create-user");
        shows(admin, "notice", "created");
        assertEquals(ZOE, text(admin, "user-id"));
        assertEquals("agent", text(admin, "user-role"));
        screenshot(admin, "admin-user");

        WebDriver zoe = signedIn(ZOE);
        assertTrue(zoe.findElements(By.linkText("Admin")).isEmpty(), "an agent sees the Admin link");
        for (String path : List.of("/inbox/admin", "/inbox/admin/users", "/inbox/admin/webhooks",
                "/inbox/admin/saved-replies")) {
            zoe.get(url(path));
            shows(zoe, "forbidden", "Your role does not open this page");
        }
        screenshot(zoe, "admin-forbidden");
    }

    @Test
    void anAdminAddsAWebhookTestSendsItAndRedeliversWhileRefusalsChangeNothing() throws Exception {
        String hook = "/hook/" + UUID.randomUUID();
        String target = "http://localhost:" + receiver.port() + hook;
        receiver.stubFor(post(urlEqualTo(hook)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"by\":\"the test receiver\"}")));
        WebDriver admin = signedIn(ROOT);
        admin.get(url("/inbox/admin/webhooks"));

        // the address guard's refusal, on the page with what was typed
        type(admin, "webhook-name", "Metadata");
        type(admin, "webhook-url", "http://169.254.169.254/latest/meta-data");
        submit(admin, "create-webhook");
        shows(admin, "problem", "url is refused");
        assertEquals("http://169.254.169.254/latest/meta-data",
                admin.findElement(By.id("webhook-url")).getAttribute("value"));
        screenshot(admin, "admin-webhooks-refused");
        assertEquals(0, count("SELECT count(*) FROM webhook_subscription WHERE created_by = ?", ROOT));

        // without its CSRF token the form is refused and nothing is created
        admin.get(url("/inbox/admin/webhooks"));
        type(admin, "webhook-name", "No token");
        type(admin, "webhook-url", target);
        ((JavascriptExecutor) admin).executeScript(
                "document.querySelectorAll('#create-webhook input[name=\"csrf-token\"]').forEach(e => e.remove())");
        submit(admin, "create-webhook");
        shows(admin, "problem", "CSRF token is missing");
        assertEquals(0, count("SELECT count(*) FROM webhook_subscription WHERE created_by = ?", ROOT));

        admin.get(url("/inbox/admin/webhooks"));
        type(admin, "webhook-name", "Test receiver");
        type(admin, "webhook-url", target);
        submit(admin, "create-webhook");
        String secret = secret(admin);
        assertTrue(secret.startsWith("whsec_"), secret);
        screenshot(admin, "admin-webhook-created");

        new Select(admin.findElement(By.id("test-event"))).selectByValue("task.sla_breached");
        submit(admin, "test-webhook");
        assertEquals("200", text(admin, "test-status"));
        shows(admin, "test-body", "the test receiver");
        shows(admin, "test-result", "Delivered");
        screenshot(admin, "admin-webhook-test");
        String page = admin.getCurrentUrl();
        long id = Long.parseLong(admin.findElement(By.id("test-webhook")).getAttribute("action")
                .replaceAll(".*/webhooks/(\\d+)/test$", "$1"));

        // a new task's event is delivered, then sent again from the log
        String conversationId = TestData.conversation();
        Ingest.record(ingestion, mapper, TestData.scored(TestData.mentionId(), conversationId, 0.6, -0.4, 5000L));
        admin.get(url("/inbox/admin/webhooks/" + id));
        waitFor(admin).withTimeout(Duration.ofSeconds(30)).until(d -> {
            d.navigate().refresh();
            return d.findElements(By.cssSelector("tr.delivery.status-delivered")).size() == 1;
        });
        int before = receiver.findAll(postRequestedFor(urlEqualTo(hook))).size();
        admin.findElement(By.cssSelector("tr.delivery button")).click();
        shows(admin, "notice", "goes out again");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> receiver.findAll(postRequestedFor(urlEqualTo(hook))).size() == before + 1);
        waitFor(admin).until(d -> {
            d.navigate().refresh();
            return d.findElements(By.cssSelector("tr.delivery.status-delivered")).size() == 1;
        });
        screenshot(admin, "admin-webhook-log");

        admin.findElement(By.cssSelector("#rotate-webhook button")).click();
        String rotated = secret(admin);
        assertTrue(rotated.startsWith("whsec_"), rotated);
        assertNotEquals(secret, rotated);
        assertTrue(admin.getPageSource().contains("2 signing keys"), admin.getPageSource());
        screenshot(admin, "admin-webhook-rotated");
        assertTrue(page.contains("/inbox/admin/webhooks"), page);
    }

    @Test
    void aLeadKeepsTheSavedReplies() throws IOException {
        WebDriver lena = signedIn(LENA);
        lena.findElement(By.linkText("Admin")).click();
        waitFor(lena).until(ExpectedConditions.urlContains("/inbox/admin/saved-replies"));
        assertTrue(lena.findElements(By.linkText("Users and roles")).isEmpty());

        new Select(lena.findElement(By.id("reply-team"))).selectByValue("support");
        type(lena, "reply-name", "Outage apology");
        type(lena, "reply-body", "Hi {author}, sorry: we are on it, updates at {link}. {agent}");
        submit(lena, "create-reply");
        shows(lena, "notice", "created");
        screenshot(lena, "admin-saved-replies");

        lena.findElement(By.linkText("Outage apology")).click();
        type(lena, "reply-body", "Hi {author}, we fixed it. {agent}");
        submit(lena, "update-reply");
        shows(lena, "notice", "Saved");
        assertTrue(lena.findElement(By.id("reply-body")).getAttribute("value").contains("we fixed it"));
        screenshot(lena, "admin-saved-reply");

        submit(lena, "delete-reply-form");
        shows(lena, "notice", "Deleted");
        assertTrue(lena.findElements(By.linkText("Outage apology")).isEmpty());
    }
}
