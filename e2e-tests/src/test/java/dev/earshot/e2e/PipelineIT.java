package dev.earshot.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.earshot.testing.AccessibilityAudit;
import dev.earshot.testing.DevJwt;
import dev.earshot.testing.HeadlessChromium;
import dev.earshot.testing.ServiceProcess;
import dev.earshot.testing.TestBroker;
import io.restassured.path.json.JsonPath;

/**
 * The walking skeleton end to end: a local server answering in the Hacker News Algolia format, the
 * three packaged services as separate processes, the real Redis, RabbitMQ and PostgreSQL. Every run
 * uses fresh Hacker News ids, so leftovers of earlier runs in the e2e database cannot make it pass.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineIT {

    private static final String VHOST = "earshot-e2e";
    private static final String HN = "hackernews:news.ycombinator.com:";

    private static final long BASE = 80_000_000L + ThreadLocalRandom.current().nextLong(10_000_000L) * 10;
    private static final long STORY = BASE + 1;
    private static final long ANGRY_COMMENT = BASE + 2;
    private static final long HAPPY_COMMENT = BASE + 3;
    private static final long SECOND_STORY = BASE + 4;
    private static final long MALFORMED = BASE + 5;

    private static final String INBOX_ADMIN = "admin@earshot.local";
    private static final String INBOX_PASSWORD = "e2e-inbox-admin-password";

    private static WireMockServer algolia;
    private static ServiceProcess response;
    private static ServiceProcess sentiment;
    private static ServiceProcess listener;
    private static TestBroker broker;

    @BeforeAll
    static void startSystem() throws Exception {
        flushRedisDatabase(2);
        algolia = new WireMockServer(wireMockConfig().dynamicPort());
        algolia.start();
        algolia.stubFor(get(urlPathEqualTo("/api/v1/search_by_date")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(algoliaPage(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))));

        Map<String, String> common = new HashMap<>();
        common.put("EARSHOT_JWT_PUBLIC_KEY_LOCATION", DevJwt.publicKeyPem().toUri().toString());
        common.put("EARSHOT_JWT_ISSUER", DevJwt.ISSUER);
        common.put("RABBITMQ_VIRTUAL_HOST", VHOST);
        // the prod profile has no default credentials: the local servers' (scripts/infra.sh)
        common.put("RABBITMQ_USERNAME", "guest");
        common.put("RABBITMQ_PASSWORD", "guest");

        Map<String, String> responseEnv = new HashMap<>(common);
        responseEnv.put("DB_REACTIVE_URL", "postgresql://localhost:5432/earshot_e2e");
        responseEnv.put("DB_JDBC_URL", "jdbc:postgresql://localhost:5432/earshot_e2e");
        responseEnv.put("DB_USERNAME", "earshot");
        responseEnv.put("DB_PASSWORD", "earshot");
        responseEnv.put("EARSHOT_INBOX_ADMIN_PASSWORD", INBOX_PASSWORD);
        // plain http on the loopback here; production keeps the Secure flag
        responseEnv.put("EARSHOT_INBOX_SECURE_COOKIES", "false");
        Map<String, String> listenerEnv = new HashMap<>(common);
        listenerEnv.put("REDIS_URL", "redis://localhost:6379/2");
        listenerEnv.put("EARSHOT_HACKERNEWS_BASE_URL", algolia.baseUrl());
        listenerEnv.put("EARSHOT_HACKERNEWS_POLL_INTERVAL", "off");
        listenerEnv.put("EARSHOT_LISTENER_RULES_ACME_KEYWORD", "acme");

        response = ServiceProcess.start("response-service", responseEnv);
        sentiment = ServiceProcess.start("sentiment-service", common);
        listener = ServiceProcess.start("listener-service", listenerEnv);
        for (ServiceProcess service : List.of(response, sentiment, listener)) {
            service.awaitReady(Duration.ofSeconds(90));
        }
        broker = new TestBroker(VHOST);
        broker.purge("sentiment-service.mentions.dlq");
    }

    @AfterAll
    static void stopSystem() {
        for (AutoCloseable closeable : new AutoCloseable[] { listener, sentiment, response, broker }) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    System.err.println("e2e: closing " + closeable + " failed: " + e);
                }
            }
        }
        if (algolia != null) {
            algolia.stop();
        }
    }

    @Test
    @Order(1)
    void postsFromTheFeedBecomeTasksWithSentiment() {
        long pollStarted = System.nanoTime();
        JsonPath summary = poll();
        assertEquals(4, summary.getInt("published"), summary.prettify());
        assertTrue(summary.getInt("rejected") >= 1, summary.prettify());

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> task(STORY) != null && task(SECOND_STORY) != null
                        && task(STORY).getInt("mentionCount") == 3);
        long latencyMillis = (System.nanoTime() - pollStarted) / 1_000_000;
        System.out.printf("e2e: poll to all four posts stored as tasks: %d ms%n", latencyMillis);

        JsonPath story = task(STORY);
        assertTrue(List.of("negative", "neutral", "positive").contains(story.getString("sentimentLabel")),
                story.prettify());
        JsonPath detail = JsonPath.from(given().auth().oauth2(DevJwt.token("agent"))
                .get(response.baseUrl() + "/api/v1/tasks/" + story.getString("id"))
                .then().statusCode(200).extract().asString());
        List<String> mentionIds = detail.getList("mentions.id");
        assertEquals(List.of(HN + STORY, HN + ANGRY_COMMENT, HN + HAPPY_COMMENT).stream().sorted().toList(),
                mentionIds.stream().sorted().toList());
        String angry = "mentions.find { it.id == '" + HN + ANGRY_COMMENT + "' }";
        assertTrue(detail.getDouble(angry + ".sentimentScore") < 0, detail.prettify());
        assertTrue(List.of("high", "critical").contains(detail.getString(angry + ".urgencyLevel")), detail.prettify());
        String happy = "mentions.find { it.id == '" + HN + HAPPY_COMMENT + "' }";
        assertEquals("positive", detail.getString(happy + ".sentimentLabel"), detail.prettify());
        String angryText = detail.getString(angry + ".text");
        assertTrue(angryText.contains("down for two hours & support"), angryText);
        assertTrue(!angryText.contains("<p>"), angryText);
    }

    @Test
    @Order(2)
    void theMalformedHitIsDeadLetteredByTheListener() {
        given().auth().oauth2(DevJwt.token("agent"))
                .get(listener.baseUrl() + "/api/v1/dead-letters?limit=50")
                .then().statusCode(200)
                .body("items.raw", hasItem(org.hamcrest.Matchers.containsString(Long.toString(MALFORMED))));
    }

    @Test
    @Order(3)
    void repeatingTheSameHitsCreatesNothingNew() {
        JsonPath summary = poll();
        assertEquals(0, summary.getInt("published"), summary.prettify());
        assertTrue(summary.getInt("duplicates") >= 4, summary.prettify());

        // A redelivery after a crash reaches the sentiment queue again, as does a fresh post; once the
        // fresh one is a task, the redelivered one has been through the whole pipeline too.
        broker.publish("earshot.mentions", "hackernews", mentionJson(ANGRY_COMMENT, STORY));
        long fresh = BASE + 9;
        broker.publish("earshot.mentions", "hackernews", mentionJson(fresh, fresh));
        await().atMost(Duration.ofSeconds(30)).until(() -> task(fresh) != null);

        assertEquals(3, task(STORY).getInt("mentionCount"));
        assertEquals(1, task(SECOND_STORY).getInt("mentionCount"));
        long tasksOfThisRun = tasks().stream()
                .filter(conversation -> conversation.startsWith(HN))
                .filter(conversation -> Long.parseLong(conversation.substring(HN.length())) / 10 == BASE / 10)
                .count();
        assertEquals(3, tasksOfThisRun);
    }

    @Test
    @Order(4)
    void aMalformedMessageIsDeadLetteredAndTheQueueGoesOn() {
        broker.publish("earshot.mentions", "hackernews", "{\"id\": 12, \"text\": [".getBytes(), "application/json");
        long after = BASE + 8;
        broker.publish("earshot.mentions", "hackernews", mentionJson(after, after));
        await().atMost(Duration.ofSeconds(30)).until(() -> task(after) != null);
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.messageCount("sentiment-service.mentions.dlq") == 1);
        TestBroker.Received dead = broker.take("sentiment-service.mentions.dlq");
        assertNotNull(dead);
        assertEquals("{\"id\": 12, \"text\": [", dead.body());
    }

    @Test
    @Order(5)
    void theApisNeedAToken() {
        given().get(response.baseUrl() + "/api/v1/tasks").then().statusCode(401);
        given().get(listener.baseUrl() + "/api/v1/sources").then().statusCode(401);
        given().contentType("application/json").body("{\"texts\":[\"hello\"]}")
                .post(sentiment.baseUrl() + "/api/v1/score").then().statusCode(401);
        given().auth().oauth2(DevJwt.tokenSignedByStranger("admin"))
                .get(response.baseUrl() + "/api/v1/tasks").then().statusCode(401);
        given().get(response.baseUrl() + "/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    /**
     * The packaged service's inbox in a real browser: the first admin (from EARSHOT_INBOX_ADMIN_PASSWORD) signs in,
     * opens the task the pipeline made of the feed's story, claims it with the keyboard, finds it under Mine and
     * resolves it with the keyboard, landing on claim-next's task. The screenshots of the two pages are the README's.
     */
    @Test
    @Order(6)
    void theInboxWorksTheTaskInABrowser() {
        long id = Long.parseLong(task(STORY).getString("id"));
        WebDriver browser = HeadlessChromium.start(HeadlessChromium.DESKTOP);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get(response.baseUrl() + "/inbox");
            wait.until(ExpectedConditions.urlContains("/inbox/login"));
            browser.findElement(By.id("username")).sendKeys(INBOX_ADMIN);
            browser.findElement(By.id("password")).sendKeys(INBOX_PASSWORD, Keys.ENTER);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("queue")));

            browser.get(response.baseUrl() + "/inbox/tasks/" + id);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".posts"),
                    "down for two hours & support does not answer"));
            new Actions(browser).sendKeys("c").perform();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("assignee"), INBOX_ADMIN));
            assertEquals(INBOX_ADMIN, task(STORY).getString("assignee"));

            // earlier runs' stories on the same database are resolved: the text finds this run's only
            browser.get(response.baseUrl() + "/inbox?assignee=me&text=down%20again");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr.task[data-id='" + id + "']")));
            HeadlessChromium.screenshot(browser, "e2e-inbox");
            AccessibilityAudit.check(browser, "e2e-inbox");
            browser.get(response.baseUrl() + "/inbox/tasks/" + id);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("resolve")));
            HeadlessChromium.screenshot(browser, "e2e-task");
            AccessibilityAudit.check(browser, "e2e-task");
            new Actions(browser).sendKeys("e").perform();
            wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/inbox/tasks/" + id)));
            await().atMost(Duration.ofSeconds(10)).until(() -> "resolved".equals(task(STORY).getString("status")));
        } finally {
            browser.quit();
        }
    }

    private static JsonPath poll() {
        return JsonPath.from(given().auth().oauth2(DevJwt.token("lead"))
                .post(listener.baseUrl() + "/api/v1/sources/hackernews/poll")
                .then().statusCode(200).extract().asString());
    }

    /** The task of a conversation, looked up through the API, or null. */
    private static JsonPath task(long rootId) {
        String body = given().auth().oauth2(DevJwt.token("agent"))
                .get(response.baseUrl() + "/api/v1/tasks?limit=200&status=all&needsReply=any")
                .then().statusCode(200).extract().asString();
        JsonPath page = JsonPath.from(body);
        List<Map<String, Object>> items = page.getList("items");
        for (int i = 0; i < items.size(); i++) {
            if ((HN + rootId).equals(items.get(i).get("conversationId"))) {
                return JsonPath.from(page.prettify()).setRootPath("items[" + i + "]");
            }
        }
        return null;
    }

    private static List<String> tasks() {
        return JsonPath.from(given().auth().oauth2(DevJwt.token("agent"))
                .get(response.baseUrl() + "/api/v1/tasks?limit=200&status=all&needsReply=any")
                .then().statusCode(200).extract().asString()).getList("items.conversationId");
    }

    private static String mentionJson(long id, long root) {
        String now = Instant.now().toString();
        return """
                {"schemaVersion":1,"id":"%1$s%2$d","source":"hackernews","instance":"news.ycombinator.com",
                 "nativeId":"%2$d","permalink":"https://news.ycombinator.com/item?id=%2$d",
                 "conversationId":"%1$s%3$d","inReplyTo":null,
                 "author":{"id":"erin","handle":"erin","displayName":"erin","followers":null},
                 "title":null,"text":"Acme Cloud has been down for two hours and support does not answer. I want a refund or I cancel.",
                 "languageHint":null,"createdAt":"%4$s","fetchedAt":"%4$s",
                 "engagement":{"likes":null,"replies":null,"shares":null},"matchedRules":["acme"]}
                """.formatted(HN, id, root, now);
    }

    /** One page of search_by_date hits in Algolia's format: two stories, two comments, one broken hit. */
    private static String algoliaPage(Instant now) {
        long t = now.getEpochSecond();
        return """
                {
                  "hits": [
                    {"created_at": "%2$s", "created_at_i": %3$d, "title": "Acme Cloud is down again",
                     "url": "https://status.acme.example/incidents/42", "author": "carol", "points": 120,
                     "story_text": null, "comment_text": null, "num_comments": 2, "story_id": null,
                     "story_title": null, "story_url": null, "parent_id": null, "objectID": "%1$d",
                     "_tags": ["story", "author_carol", "story_%1$d"],
                     "_highlightResult": {"title": {"value": "<em>Acme</em> Cloud is down again", "matchLevel": "full", "matchedWords": ["acme"]}}},
                    {"created_at": "%4$s", "created_at_i": %5$d, "title": null, "url": null, "author": "dave",
                     "points": null, "story_text": null,
                     "comment_text": "<p>Acme Cloud has been down for two hours &amp; support does not answer.<p>This is terrible, I want a refund or I cancel my account.",
                     "num_comments": null, "story_id": %1$d, "story_title": "Acme Cloud is down again",
                     "story_url": "https://status.acme.example/incidents/42", "parent_id": %1$d, "objectID": "%6$d",
                     "_tags": ["comment", "author_dave", "story_%1$d"]},
                    {"created_at": "%4$s", "created_at_i": %5$d, "title": null, "url": null, "author": "frank",
                     "points": null, "story_text": null,
                     "comment_text": "Honestly the <i>Acme</i> team fixed my issue fast. Great work, thanks &#x2F; love it!",
                     "num_comments": null, "story_id": %1$d, "story_title": "Acme Cloud is down again",
                     "story_url": "https://status.acme.example/incidents/42", "parent_id": %6$d, "objectID": "%7$d",
                     "_tags": ["comment", "author_frank", "story_%1$d"]},
                    {"created_at": "%2$s", "created_at_i": %3$d, "title": "Acme 5.0 released",
                     "url": null, "author": "grace", "points": 8,
                     "story_text": "Release notes for <a href=\\"https://acme.example/5\\" rel=\\"nofollow\\">Acme 5</a> are out.",
                     "comment_text": null, "num_comments": 0, "story_id": null, "story_title": null,
                     "story_url": null, "parent_id": null, "objectID": "%8$d",
                     "_tags": ["story", "author_grace", "story_%8$d"]},
                    {"title": "A hit without its dates", "author": "mallory", "points": 1, "objectID": "%9$d",
                     "_tags": ["story", "author_mallory", "story_%9$d"]}
                  ],
                  "nbHits": 5, "page": 0, "nbPages": 1, "hitsPerPage": 100, "exhaustiveNbHits": true,
                  "exhaustiveTypo": true, "query": "acme", "params": "query=acme&tags=%%28story%%2Ccomment%%29",
                  "processingTimeMS": 3
                }
                """.formatted(STORY, now.minusSeconds(600).toString(), t - 600, now.minusSeconds(300).toString(),
                t - 300, ANGRY_COMMENT, HAPPY_COMMENT, SECOND_STORY, MALFORMED);
    }

    private static void flushRedisDatabase(int database) throws IOException, InterruptedException {
        Process flush = new ProcessBuilder("redis-cli", "-h", "127.0.0.1", "-n", Integer.toString(database), "flushdb")
                .redirectErrorStream(true).start();
        assertEquals(0, flush.waitFor(), "redis-cli flushdb failed");
    }
}
