package dev.earshot.response.webhook.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.earshot.response.task.TestData.conversation;
import static dev.earshot.response.task.TestData.mentionId;
import static dev.earshot.response.task.TestData.scored;
import static dev.earshot.response.webhook.slack.SlackRequests.ALICE;
import static dev.earshot.response.webhook.slack.SlackRequests.BOB;
import static dev.earshot.response.webhook.slack.SlackRequests.LENA;
import static dev.earshot.response.webhook.slack.SlackRequests.SECRET;
import static dev.earshot.response.webhook.slack.SlackRequests.click;
import static dev.earshot.response.webhook.slack.SlackRequests.form;
import static dev.earshot.response.webhook.slack.SlackRequests.sign;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.earshot.response.task.Ingest;
import dev.earshot.response.task.TaskIngestion;
import dev.earshot.response.task.TestData;
import dev.earshot.testing.DevJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * Slack's Interactivity Request URL end to end: requests signed by Slack's own SDK, the task changed
 * through the workflow (read back through the REST API), and the message updated through a
 * {@code response_url} played by WireMock.
 */
@QuarkusTest
class SlackActionResourceTest {

    static WireMockServer slack;

    @Inject
    TaskIngestion service;

    @Inject
    ObjectMapper mapper;

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void startSlack() {
        slack = new WireMockServer(wireMockConfig().dynamicPort());
        slack.start();
        slack.stubFor(post(urlPathMatching("/actions/.*")).willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    @AfterAll
    static void stopSlack() {
        slack.stop();
    }

    long task() {
        String conversationId = conversation();
        Ingest.record(service, mapper, scored(mentionId(), conversationId, 0.6, -0.6, 1200L));
        return TestData.taskId(dataSource, conversationId);
    }

    /** A fresh response_url path on the WireMock server. */
    static String responsePath() {
        return "/actions/T0EARSHOT/" + UUID.randomUUID();
    }

    static String url(String path) {
        return "http://localhost:" + slack.port() + path;
    }

    /** The JSON bodies Slack's response_url received at this path, waiting for the first. */
    List<JsonNode> received(String path) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !slack.findAll(postRequestedFor(urlEqualTo(path))).isEmpty());
        List<JsonNode> bodies = new ArrayList<>();
        for (LoggedRequest r : slack.findAll(postRequestedFor(urlEqualTo(path)))) {
            try {
                bodies.add(mapper.readTree(r.getBodyAsString()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return bodies;
    }

    static JsonPath history(long id) {
        return RestAssured.given().auth().oauth2(TestData.agentToken()).get("/api/v1/tasks/{id}/history", id).then()
                .statusCode(200).extract().jsonPath();
    }

    /** The workflow buttons (Claim, Resolve, Snooze) of a message; link buttons such as Open post aside. */
    static List<String> buttons(JsonNode message) {
        return message.findValuesAsText("action_id").stream().filter(SlackActions.ACTIONS::contains).toList();
    }

    static void clickOk(String slackUser, String action, long id, String path) {
        assertEquals("", SlackRequests.postSigned(form(click(slackUser, action, Long.toString(id), url(path))))
                .expect(200).body());
    }

    @Test
    void theDirectorysSlackUserIdWinsOverTheOldMapping() {
        long id = task();
        String path = responsePath();
        // BOB is mapped to bob@acme.example by earshot.slack.users; the directory links him to robert
        RestAssured.given().auth().oauth2(DevJwt.token("root@acme.example", "admin", DevJwt.ISSUER,
                Duration.ofHours(1))).contentType("application/json")
                .body("{\"displayName\":\"Robert\",\"email\":\"robert@acme.example\",\"role\":\"agent\","
                        + "\"teams\":[\"support\"],\"slackUserId\":\"" + BOB + "\"}")
                .put("/api/v1/users/{id}", "robert@acme.example").then().statusCode(201);
        try {
            clickOk(BOB, "earshot_claim", id, path);
            received(path);
            assertEquals("robert@acme.example", TestData.detail(id).getString("assignee"));
        } finally {
            TestData.sql(dataSource, "DELETE FROM app_user");
        }
    }

    @Test
    void claimChangesTheTaskAndUpdatesTheMessage() {
        long id = task();
        String path = responsePath();

        clickOk(ALICE, "earshot_claim", id, path);

        JsonNode message = received(path).get(0);
        JsonPath task = TestData.detail(id);
        assertEquals("claimed", task.getString("status"));
        assertEquals("alice@acme.example", task.getString("assignee"));
        JsonPath trail = history(id);
        assertEquals("claimed", trail.getString("items[-1].action"));
        assertEquals("alice@acme.example", trail.getString("items[-1].actor"));

        assertTrue(message.path("replace_original").asBoolean(), message.toString());
        assertEquals("earshot_task_" + id, message.path("blocks").path(0).path("block_id").asText());
        assertTrue(message.toString().contains("Claimed by alice@acme.example via Slack"), message.toString());
        assertFalse(buttons(message).contains("earshot_claim"), "no Claim button once claimed: " + message);
        assertTrue(buttons(message).contains("earshot_resolve"), "Resolve still applies: " + message);
        assertEquals(1, received(path).size());
    }

    @Test
    void resolveRecordsTheFirstResponseAndDropsTheButtons() {
        long id = task();
        String path = responsePath();

        clickOk(ALICE, "earshot_resolve", id, path);

        JsonNode message = received(path).get(0);
        JsonPath task = TestData.detail(id);
        assertEquals("resolved", task.getString("status"));
        assertEquals("alice@acme.example", task.getString("assignee"));
        assertEquals("alice@acme.example", task.getString("firstResponseBy"));
        assertEquals(true, task.getBoolean("firstResponseInSla"));
        JsonPath trail = history(id);
        assertEquals("resolved", trail.getString("items[-1].action"));
        assertEquals("via Slack; reply not recorded", trail.getString("items[-1].detail"));
        assertEquals("open", trail.getString("items[-1].fromStatus"));

        assertTrue(message.path("replace_original").asBoolean());
        assertEquals("earshot_task_" + id, message.path("blocks").path(0).path("block_id").asText());
        assertTrue(message.toString().contains("Resolved by alice@acme.example via Slack"), message.toString());
        assertEquals(List.of(), buttons(message), "no workflow buttons once resolved: " + message);
    }

    @Test
    void snoozeSnoozesForTheConfiguredHour() {
        long id = task();
        String path = responsePath();
        Instant before = Instant.now();

        clickOk(BOB, "earshot_snooze", id, path);

        JsonNode message = received(path).get(0);
        JsonPath task = TestData.detail(id);
        assertEquals("snoozed", task.getString("status"));
        Instant until = Instant.parse(task.getString("snoozedUntil"));
        assertTrue(!until.isBefore(before.plus(Duration.ofHours(1)).minusSeconds(1))
                && !until.isAfter(Instant.now().plus(Duration.ofHours(1))), "snoozed until " + until);
        assertEquals("snoozed", history(id).getString("items[-1].action"));
        assertEquals("bob@acme.example", history(id).getString("items[-1].actor"));
        assertEquals("earshot_task_" + id, message.path("blocks").path(0).path("block_id").asText());
        assertTrue(message.toString().contains("by bob@acme.example via Slack"), message.toString());
        assertTrue(message.toString().contains("Snoozed until"), message.toString());
    }

    /**
     * The signature covers the bytes as sent: a raw '+', an escaped plus (%2B) and unescaped UTF-8
     * would all change if the body were decoded and encoded again before verifying.
     */
    @Test
    void verifiesTheRawBytesWithPlusSignsEscapesAndNonAscii() {
        long id = task();
        String path = responsePath();
        ObjectNode payload = click(ALICE, "earshot_claim", Long.toString(id), url(path));
        ((ObjectNode) payload.get("user")).put("name", "Zoë + Åsa");
        byte[] body = (new String(form(payload), StandardCharsets.UTF_8) + "&note=a+b%2Bc+Zoë+日本")
                .getBytes(StandardCharsets.UTF_8);
        String text = new String(body, StandardCharsets.UTF_8);
        assertTrue(text.contains("+") && text.contains("%2B") && text.contains("日本"), text);

        SlackRequests.postSigned(body).expect(200);

        received(path);
        assertEquals("alice@acme.example", TestData.detail(id).getString("assignee"));
    }

    @Test
    void forgedWrongSecretTamperedReplayedFutureAndMissingAreRefused() {
        long id = task();
        String path = responsePath();
        byte[] body = form(click(ALICE, "earshot_resolve", Long.toString(id), url(path)));
        String now = SlackRequests.now();
        long seconds = Long.parseLong(now);
        String sixMinutesAgo = Long.toString(seconds - 360);
        String sixMinutesAhead = Long.toString(seconds + 360);
        byte[] tampered = form(click(ALICE, "earshot_resolve", Long.toString(id + 1), url(path)));

        refused(body, now, "v0=" + "0123456789abcdef".repeat(4));
        refused(body, now, sign("another-apps-secret", now, body));
        refused(tampered, now, sign(SECRET, now, body));
        refused(body, sixMinutesAgo, sign(SECRET, sixMinutesAgo, body));
        refused(body, sixMinutesAhead, sign(SECRET, sixMinutesAhead, body));
        refused(body, null, sign(SECRET, now, body));
        refused(body, now, null);
        refused(body, null, null);
        refused(body, now, sign(SECRET, now, body).replace("v0=", "v1="));
        refused(body, now, "v0=not-hex-" + "x".repeat(53));
        refused(body, now + ".5", sign(SECRET, now + ".5", body));
        refused(body, "", sign(SECRET, "", body));

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> slack.findAll(postRequestedFor(urlEqualTo(path))).isEmpty());
        JsonPath task = TestData.detail(id);
        assertEquals("open", task.getString("status"));
        assertEquals(List.of("created"), history(id).getList("items.action"));
    }

    @Test
    void aReplayWithinTheWindowIsRefusedAndDoesNothing() {
        long id = task();
        String path = responsePath();
        byte[] body = form(click(ALICE, "earshot_claim", Long.toString(id), url(path)));
        String now = SlackRequests.now();
        String signature = sign(SECRET, now, body);
        SlackRequests.post(body, now, signature).expect(200);
        received(path);
        agentUnassigns(id);

        assertEquals("this request was received before (a replay)",
                SlackRequests.post(body, now, signature).expect(401).json().getString("detail"));
        refused(body, now, "v0=" + signature.substring(3).toUpperCase());
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> "open".equals(TestData.detail(id).getString("status")));
        assertEquals(List.of("created", "claimed", "unassigned"), history(id).getList("items.action"));
    }

    private static void agentUnassigns(long id) {
        RestAssured.given().auth().oauth2(dev.earshot.testing.DevJwt.token("alice@acme.example", "agent",
                dev.earshot.testing.DevJwt.ISSUER, Duration.ofHours(1)))
                .post("/api/v1/tasks/{id}/unassign", id).then().statusCode(200);
    }

    static void refused(byte[] body, String timestamp, String signature) {
        assertEquals("https://earshot.dev/problems/slack-signature",
                SlackRequests.post(body, timestamp, signature).expect(401).json().getString("type"));
    }

    @Test
    void aCorrectlySignedRequestAtTheEdgeOfTheWindowIsAccepted() {
        long id = task();
        String path = responsePath();
        byte[] body = form(click(ALICE, "earshot_claim", Long.toString(id), url(path)));
        String fourMinutesAgo = Long.toString(Long.parseLong(SlackRequests.now()) - 240);

        SlackRequests.post(body, fourMinutesAgo, sign(SECRET, fourMinutesAgo, body)).expect(200);

        received(path);
        assertEquals("claimed", TestData.detail(id).getString("status"));
    }

    @Test
    void anUnmappedSlackUserGetsAnEphemeralAnswerAndNothingChanges() {
        long id = task();
        String path = responsePath();

        clickOk("UNOBODY999", "earshot_claim", id, path);

        JsonNode reply = received(path).get(0);
        assertEquals("ephemeral", reply.path("response_type").asText());
        assertFalse(reply.path("replace_original").asBoolean(true));
        assertTrue(reply.path("text").asText().contains("not linked to an Earshot agent"), reply.toString());
        assertEquals("open", TestData.detail(id).getString("status"));
        assertEquals(List.of("created"), history(id).getList("items.action"));
    }

    @Test
    void aTaskClaimedBySomeoneElseIsRefusedWithAnEphemeralAnswer() {
        long id = task();
        RestAssured.given().auth().oauth2(DevJwt.token("bob@acme.example", "agent", DevJwt.ISSUER, Duration.ofHours(1)))
                .post("/api/v1/tasks/{id}/claim", id).then().statusCode(200);
        int version = TestData.detail(id).getInt("version");
        String path = responsePath();

        clickOk(ALICE, "earshot_resolve", id, path);

        JsonNode reply = received(path).get(0);
        assertEquals("ephemeral", reply.path("response_type").asText());
        assertFalse(reply.path("replace_original").asBoolean(true));
        assertTrue(reply.path("text").asText().contains("claimed by bob@acme.example"), reply.toString());
        JsonPath task = TestData.detail(id);
        assertEquals("claimed", task.getString("status"));
        assertEquals("bob@acme.example", task.getString("assignee"));
        assertEquals(version, task.getInt("version"));
    }

    @Test
    void aLeadUserMayResolveATaskSomeoneElseClaimed() {
        long id = task();
        String bobsPath = responsePath();
        clickOk(BOB, "earshot_claim", id, bobsPath);
        received(bobsPath);
        String path = responsePath();

        clickOk(LENA, "earshot_resolve", id, path);

        JsonNode message = received(path).get(0);
        assertTrue(message.path("replace_original").asBoolean(), message.toString());
        JsonPath task = TestData.detail(id);
        assertEquals("resolved", task.getString("status"));
        assertEquals("bob@acme.example", task.getString("assignee"));
        assertEquals("lena@acme.example", task.getString("firstResponseBy"));
        assertEquals("lena@acme.example", history(id).getString("items[-1].actor"));
    }

    @Test
    void anUnknownTaskIsRefusedWithAnEphemeralAnswer() {
        String path = responsePath();

        clickOk(ALICE, "earshot_claim", 987_654_321L, path);

        JsonNode reply = received(path).get(0);
        assertEquals("ephemeral", reply.path("response_type").asText());
        assertTrue(reply.path("text").asText().contains("987654321"), reply.toString());
    }

    @Test
    void otherActionsAndPayloadTypesAreAcknowledgedAndIgnored() {
        long id = task();
        String path = responsePath();
        ObjectNode otherType = click(ALICE, "earshot_claim", Long.toString(id), url(path));
        otherType.put("type", "view_submission");

        assertEquals("", SlackRequests.postSigned(form(click(ALICE, "some_other_button", Long.toString(id), url(path))))
                .expect(200).body());
        assertEquals("", SlackRequests.postSigned(form(otherType)).expect(200).body());

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> slack.findAll(postRequestedFor(urlEqualTo(path))).isEmpty());
        assertEquals(List.of("created"), history(id).getList("items.action"));
    }

    @Test
    void aSignedBodyThatIsNotAnInteractionIs400() {
        byte[] body = "payload=%7Bnot+json".getBytes(StandardCharsets.UTF_8);
        SlackRequests.postSigned(body).expect(400);
        byte[] noPayload = "foo=bar".getBytes(StandardCharsets.UTF_8);
        String detail = SlackRequests.postSigned(noPayload).expect(400).json().getString("detail");
        assertTrue(detail.contains("payload"), detail);
    }

    @Test
    void aBodyOver64KbIs413() {
        long id = task();
        String path = responsePath();
        ObjectNode payload = click(ALICE, "earshot_claim", Long.toString(id), url(path));
        payload.put("padding", "x".repeat(64 * 1024));
        byte[] body = form(payload);

        SlackRequests.postSigned(body).expect(413);

        assertEquals("open", TestData.detail(id).getString("status"));
        assertTrue(body.length > 64 * 1024);
    }
}
