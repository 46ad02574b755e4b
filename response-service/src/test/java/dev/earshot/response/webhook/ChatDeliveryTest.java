package dev.earshot.response.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.standardwebhooks.Webhook;

import dev.earshot.response.task.Ingest;
import dev.earshot.response.task.TaskIngestion;
import dev.earshot.response.task.TestData;
import dev.earshot.testing.DevJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The whole path: a scored mention creates a task, its outbox event is fanned out to one subscription
 * per format, and local receivers get each tool's own message, once.
 */
@QuarkusTest
class ChatDeliveryTest {

    static WireMockServer receiver;

    @Inject
    TaskIngestion service;

    @Inject
    ObjectMapper mapper;

    @Inject
    AgroalDataSource dataSource;

    private final List<Long> subscriptions = new ArrayList<>();

    @BeforeAll
    static void startReceiver() {
        receiver = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    @AfterEach
    void deleteSubscriptions() {
        subscriptions.forEach(id -> admin().delete("/api/v1/webhooks/" + id));
        receiver.resetAll();
    }

    static RequestSpecification admin() {
        return given().auth().oauth2(DevJwt.token("root@acme.example", "admin", DevJwt.ISSUER, Duration.ofHours(1)));
    }

    @Test
    void everyFormatReceivesTheNewTaskInItsOwnShape() throws Exception {
        String rule = "rule-" + UUID.randomUUID();
        Map<String, String> secrets = new HashMap<>();
        for (String format : List.of("slack", "teams", "discord", "mattermost", "google-chat", "json")) {
            String answer = "discord".equals(format) ? "" : "ok";
            receiver.stubFor(post(urlPathEqualTo("/" + format)).willReturn(
                    aResponse().withStatus("discord".equals(format) ? 204 : 200).withBody(answer)));
            var created = admin().contentType(ContentType.JSON)
                    .body(Map.of("name", format + " receiver", "url", receiver.baseUrl() + "/" + format, "format", format,
                            "events", List.of("task.created"), "minTier", "P2", "rules", List.of(rule)))
                    .post("/api/v1/webhooks").then().statusCode(201).extract().jsonPath();
            subscriptions.add(created.getLong("id"));
            if ("json".equals(format)) {
                secrets.put(format, created.getString("newSecret"));
            }
        }

        String conversationId = TestData.conversation();
        ObjectNode node = TestData.scoredNode(TestData.mentionId(), conversationId, 0.95, -0.9, 48_000L);
        ObjectNode mention = (ObjectNode) node.get("mention");
        mention.putArray("matchedRules").add(rule);
        mention.put("text", "@everyone Acme is down and support is silent <script>alert(1)</script>");
        Ingest.record(service, mapper, node);
        long taskId = TestData.taskId(dataSource, conversationId);

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.getAllServeEvents().size() >= 6);
        // anything more than one message per format would have arrived by now
        List<String> formats = List.of("slack", "teams", "discord", "mattermost", "google-chat", "json");
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> formats.stream()
                .allMatch(f -> receiver.findAll(postRequestedFor(urlPathEqualTo("/" + f))).size() == 1));
        for (String format : formats) {
            List<LoggedRequest> got = receiver.findAll(postRequestedFor(urlPathEqualTo("/" + format)));
            assertEquals(1, got.size(), format + " received " + got.size() + " messages");
            LoggedRequest request = got.get(0);
            assertTrue(request.getHeader("Content-Type").startsWith("application/json"), format);
            JsonNode body = mapper.readTree(request.getBodyAsString());
            switch (format) {
                case "slack" -> {
                    assertEquals("earshot_task_" + taskId, body.at("/blocks/0/block_id").asText());
                    assertTrue(body.get("text").asText().contains("P1"), body.get("text").asText());
                    assertTrue(body.toString().contains("earshot_claim"));
                    assertTrue(!body.toString().contains("<script>"), "Slack control characters are escaped");
                }
                case "teams" -> {
                    assertEquals("message", body.get("type").asText());
                    assertEquals("application/vnd.microsoft.card.adaptive", body.at("/attachments/0/contentType").asText());
                    assertEquals("AdaptiveCard", body.at("/attachments/0/content/type").asText());
                }
                case "discord" -> {
                    assertEquals(0, body.at("/allowed_mentions/parse").size());
                    assertTrue(body.at("/allowed_mentions/parse").isArray());
                    assertEquals(mention.get("permalink").asText(), body.at("/embeds/0/url").asText());
                }
                case "mattermost" -> {
                    assertEquals("urgent", body.at("/priority/priority").asText());
                    assertTrue(body.at("/attachments/0/fields").size() > 0);
                }
                case "google-chat" -> assertTrue(body.at("/cardsV2/0/card/header/title").asText().contains("P1"),
                        body.at("/cardsV2/0/card/header").toString());
                case "json" -> {
                    Map<String, List<String>> headers = new HashMap<>();
                    for (String h : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
                        headers.put(h, List.of(request.getHeader(h)));
                    }
                    new Webhook(secrets.get("json")).verify(request.getBodyAsString(),
                            HttpHeaders.of(headers, (a, b) -> true));
                    assertEquals("task.created", body.get("type").asText());
                    assertEquals(taskId, body.at("/data/task/id").asLong());
                }
                default -> throw new IllegalStateException(format);
            }
        }

        // The delivery log of one subscription shows the delivered event.
        long slack = subscriptions.get(0);
        admin().get("/api/v1/webhooks/" + slack + "/deliveries").then().statusCode(200)
                .body("items[0].eventType", equalTo("task.created"))
                .body("items[0].status", equalTo("delivered"))
                .body("items[0].taskId", equalTo((int) taskId));
    }

    @Test
    void filtersKeepOtherTasksAway() throws Exception {
        String rule = "rule-" + UUID.randomUUID();
        receiver.stubFor(post(urlPathEqualTo("/filtered")).willReturn(aResponse().withStatus(200)));
        subscriptions.add(admin().contentType(ContentType.JSON)
                .body(Map.of("name", "legal only", "url", receiver.baseUrl() + "/filtered", "format", "slack",
                        "events", List.of("task.created"), "teams", List.of("legal"), "rules", List.of(rule)))
                .post("/api/v1/webhooks").then().statusCode(201).extract().jsonPath().getLong("id"));

        ObjectNode support = TestData.scoredNode(TestData.mentionId(), TestData.conversation(), 0.9, -0.9, null);
        ((ObjectNode) support.get("mention")).putArray("matchedRules").add(rule);
        Ingest.record(service, mapper, support); // an outage: routed to support, not legal

        ObjectNode legal = TestData.scoredNode(TestData.mentionId(), TestData.conversation(), 0.9, -0.9, null);
        ((ObjectNode) legal.get("mention")).putArray("matchedRules").add(rule);
        legal.putArray("intents").add("legal-threat");
        Ingest.record(service, mapper, legal);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> receiver.findAll(postRequestedFor(urlPathEqualTo("/filtered"))).size() >= 1);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .until(() -> receiver.findAll(postRequestedFor(urlPathEqualTo("/filtered"))).size() == 1);
        List<LoggedRequest> got = receiver.findAll(postRequestedFor(urlPathEqualTo("/filtered")));
        assertEquals(1, got.size());
        assertTrue(got.get(0).getBodyAsString().contains(legal.get("mention").get("permalink").asText()));
    }

    @Test
    void aTestSendReachesTheReceiverAndShowsItsAnswer() {
        receiver.stubFor(post(urlPathEqualTo("/test-send")).willReturn(aResponse().withStatus(200).withBody("ok")));
        receiver.stubFor(post(urlPathEqualTo("/broken")).willReturn(aResponse().withStatus(400)
                .withBody("invalid_payload")));
        long ok = admin().contentType(ContentType.JSON)
                .body(Map.of("name", "t", "url", receiver.baseUrl() + "/test-send", "format", "mattermost",
                        "events", List.of("task.sla_breached")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().jsonPath().getLong("id");
        long broken = admin().contentType(ContentType.JSON)
                .body(Map.of("name", "b", "url", receiver.baseUrl() + "/broken", "format", "slack",
                        "events", List.of("task.created")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().jsonPath().getLong("id");
        subscriptions.add(ok);
        subscriptions.add(broken);

        admin().post("/api/v1/webhooks/" + ok + "/test").then().statusCode(200)
                .body("delivered", equalTo(true)).body("statusCode", equalTo(200))
                .body("eventType", equalTo("task.created")).body("body", equalTo("ok"));
        assertTrue(receiver.findAll(postRequestedFor(urlPathEqualTo("/test-send"))).get(0).getBodyAsString()
                .contains("Test message from Earshot"));
        admin().post("/api/v1/webhooks/" + broken + "/test").then().statusCode(200)
                .body("delivered", equalTo(false)).body("statusCode", equalTo(400))
                .body("body", equalTo("invalid_payload"));
    }
}
