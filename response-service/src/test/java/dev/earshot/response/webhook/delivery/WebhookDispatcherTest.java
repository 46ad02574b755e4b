package dev.earshot.response.webhook.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpHeaders;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.standardwebhooks.Webhook;

import dev.earshot.response.webhook.WebhookEvent;
import dev.earshot.response.webhook.WebhookEventType;
import dev.earshot.response.webhook.format.WebhookSecrets;
import dev.earshot.testing.DevJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** The dispatcher against the real PostgreSQL and local receivers (WireMock). */
@QuarkusTest
class WebhookDispatcherTest {

    static WireMockServer receiver;

    @Inject
    AgroalDataSource dataSource;

    /** Subscriptions of the running test, deleted after it so later events do not go to its dead receivers. */
    final List<Long> created = new ArrayList<>();

    @Inject
    ObjectMapper mapper;

    @BeforeAll
    static void start() {
        receiver = new WireMockServer(wireMockConfig().dynamicPort());
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop();
    }

    @AfterEach
    void deleteSubscriptions() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "DELETE FROM webhook_subscription WHERE id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("bigint", created.toArray()));
            s.executeUpdate();
        }
    }

    static RequestSpecification admin() {
        return given().auth().oauth2(DevJwt.token("admin@earshot.test", "admin", DevJwt.ISSUER, Duration.ofHours(1)));
    }

    static String path() {
        return "/hook/" + UUID.randomUUID();
    }

    String url(String path) {
        return "http://localhost:" + receiver.port() + path;
    }

    long subscription(String url, String format, List<String> secrets) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO webhook_subscription (name, url, format, events, secrets, created_by, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, 'test', now(), now()) RETURNING id")) {
            s.setString(1, "test " + UUID.randomUUID());
            s.setString(2, url);
            s.setString(3, format);
            s.setArray(4, c.createArrayOf("text", new String[] {"task.created", "task.resolved"}));
            s.setArray(5, c.createArrayOf("text", secrets.toArray()));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                created.add(r.getLong(1));
                return r.getLong(1);
            }
        }
    }

    WebhookEvent event() throws Exception {
        WebhookEvent event = DeliveryEvents.urgentTask(WebhookEventType.TASK_CREATED);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO webhook_outbox (event_id, event_type, payload, created_at) VALUES (?, ?, ?, now())")) {
            s.setObject(1, UUID.fromString(event.id()));
            s.setString(2, event.type());
            s.setString(3, mapper.writeValueAsString(event));
            s.executeUpdate();
        }
        return event;
    }

    /** The delivery of an event to a subscription: column name to value. */
    Map<String, Object> delivery(long subscriptionId, String eventId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT d.* FROM webhook_delivery d JOIN webhook_outbox o ON o.id = d.outbox_id"
                        + " WHERE d.subscription_id = ? AND o.event_id = ?")) {
            s.setLong(1, subscriptionId);
            s.setObject(2, UUID.fromString(eventId));
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Map.of();
                }
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    row.put(r.getMetaData().getColumnName(i), r.getObject(i));
                }
                return row;
            }
        }
    }

    Map<String, Object> awaitStatus(long subscriptionId, String eventId, String status) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> delivery(subscriptionId, eventId), d -> status.equals(d.get("status")));
    }

    List<Instant> attemptTimes(long deliveryId) throws SQLException {
        List<Instant> times = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT attempted_at FROM webhook_attempt WHERE delivery_id = ? ORDER BY id")) {
            s.setLong(1, deliveryId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    times.add(r.getTimestamp(1).toInstant());
                }
            }
        }
        return times;
    }

    boolean dispatched(String eventId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT dispatched_at IS NOT NULL FROM webhook_outbox WHERE event_id = ?")) {
            s.setObject(1, UUID.fromString(eventId));
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        }
    }

    boolean enabled(long subscriptionId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT enabled, disabled_reason FROM webhook_subscription WHERE id = ?")) {
            s.setLong(1, subscriptionId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    @Test
    void aJsonSubscriptionGetsTheEventOnceSignedWithEveryKey() throws Exception {
        String path = path();
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
        String newest = WebhookSecrets.generate();
        String older = WebhookSecrets.generate();
        long subscription = subscription(url(path), "json", List.of(newest, older));
        WebhookEvent event = event();

        Map<String, Object> delivery = awaitStatus(subscription, event.id(), "delivered");
        assertEquals(1, delivery.get("attempts"));
        assertEquals(204, delivery.get("last_status_code"));
        assertNotNull(delivery.get("delivered_at"));
        // a dispatcher run or more later: still one request
        Thread.sleep(1500);
        List<LoggedRequest> requests = requests(path, event);
        assertEquals(1, requests.size());
        LoggedRequest request = requests.get(0);
        assertEquals("Earshot-Webhooks/1", request.getHeader("User-Agent"));
        assertEquals("localhost:" + receiver.port(), request.getHeader("Host"));
        assertTrue(request.getHeader("Content-Type").startsWith("application/json"));
        assertEquals(event.id(), request.getHeader("webhook-id"));
        JsonNode body = mapper.readTree(request.getBodyAsString());
        assertEquals("task.created", body.get("type").asText());
        assertEquals(4711, body.get("data").get("task").get("id").asLong());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
            headers.put(name, List.of(request.getHeader(name)));
        }
        HttpHeaders signed = HttpHeaders.of(headers, (a, b) -> true);
        new Webhook(newest).verify(request.getBodyAsString(), signed);
        new Webhook(older).verify(request.getBodyAsString(), signed);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("earshot_webhook_deliveries_total{format=\"json\",outcome=\"delivered\"}"),
                "delivery counter missing");
    }

    private static final long SCHEDULING_MARGIN_MS = 4_000;

    @Test
    void serverErrorsAreRetriedWithGrowingBackoffUntilDelivered() throws Exception {
        String path = path();
        String scenario = "flaky " + path;
        receiver.stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("oops")).willSetStateTo("second"));
        receiver.stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("third"));
        receiver.stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs("third")
                .willReturn(aResponse().withStatus(200)));
        long subscription = subscription(url(path), "json", List.of(WebhookSecrets.generate()));
        WebhookEvent event = event();

        Map<String, Object> delivery = awaitStatus(subscription, event.id(), "delivered");
        assertEquals(3, delivery.get("attempts"));
        long id = (Long) delivery.get("id");
        List<Instant> times = attemptTimes(id);
        assertEquals(3, times.size());

        String detail = admin().get("/api/v1/webhooks/{s}/deliveries/{d}", subscription, id).then().statusCode(200)
                .extract().asString();
        JsonNode json = mapper.readTree(detail);
        assertEquals("delivered", json.get("delivery").get("status").asText());
        assertEquals(500, json.get("attempts").get(0).get("statusCode").asInt());
        assertEquals("oops", json.get("attempts").get(0).get("responseBody").asText());
        assertEquals("HTTP 500", json.get("attempts").get(0).get("error").asText());
        assertEquals(503, json.get("attempts").get(1).get("statusCode").asInt());
        assertEquals(200, json.get("attempts").get(2).get("statusCode").asInt());
        // Full jitter: the n-th wait is at most base * 2^(n-1) (200 ms, 400 ms) plus a dispatcher tick (1 s);
        // the exact draw is BackoffTest's job. The margin absorbs a loaded CI machine, yet a wait drawn from
        // the production base (10 s) would still fail.
        assertTrue(Duration.between(times.get(0), times.get(1)).toMillis() <= 200 + 1000 + SCHEDULING_MARGIN_MS,
                times.toString());
        assertTrue(Duration.between(times.get(1), times.get(2)).toMillis() <= 400 + 1000 + SCHEDULING_MARGIN_MS,
                times.toString());
    }

    @Test
    void retryAfterIsHonoured() throws Exception {
        String path = path();
        String scenario = "busy " + path;
        receiver.stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        receiver.stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200)));
        long subscription = subscription(url(path), "json", List.of());
        WebhookEvent event = event();

        Map<String, Object> delivery = awaitStatus(subscription, event.id(), "delivered");
        List<Instant> times = attemptTimes((Long) delivery.get("id"));
        assertEquals(2, times.size());
        assertTrue(Duration.between(times.get(0), times.get(1)).toMillis() >= 1000, times.toString());
    }

    @Test
    void discordsRetryAfterInTheBodyIsHonoured() throws Exception {
        String path = path();
        String scenario = "discord " + path;
        receiver.stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\": \"You are being rate limited.\", \"retry_after\": 0.6, \"global\": false}"))
                .willSetStateTo("ok"));
        receiver.stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(204)));
        long subscription = subscription(url(path), "json", List.of());
        WebhookEvent event = event();

        Map<String, Object> delivery = awaitStatus(subscription, event.id(), "delivered");
        List<Instant> times = attemptTimes((Long) delivery.get("id"));
        assertEquals(2, times.size());
        assertTrue(Duration.between(times.get(0), times.get(1)).toMillis() >= 600, times.toString());
        assertEquals(429, mapper.readTree(admin().get("/api/v1/webhooks/{s}/deliveries/{d}", subscription,
                delivery.get("id")).then().statusCode(200).extract().asString())
                .get("attempts").get(0).get("statusCode").asInt());
    }

    @Test
    void goneAndNotFoundDisableTheSubscriptionAndStopItsDeliveries() throws Exception {
        for (int status : new int[] {410, 404}) {
            String path = path();
            receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(status)));
            long subscription = subscription(url(path), "json", List.of());
            WebhookEvent event = event();

            Map<String, Object> delivery = awaitStatus(subscription, event.id(), "failed");
            assertEquals(1, delivery.get("attempts"));
            assertEquals(status, delivery.get("last_status_code"));
            assertEquals(false, enabled(subscription));
            WebhookEvent later = event();
            await().atMost(Duration.ofSeconds(10)).until(() -> dispatched(later.id()));
            assertTrue(delivery(subscription, later.id()).isEmpty(), "no delivery for a disabled subscription");
            assertEquals(1, requestsFor(path, event));
            assertEquals(0, requestsFor(path, later));
            admin().post("/api/v1/webhooks/{s}/deliveries/{d}/redeliver", subscription, delivery.get("id"))
                    .then().statusCode(409).contentType("application/problem+json");
        }
    }

    @Test
    void givesUpAfterMaxAttemptsAndRedeliverStartsAgain() throws Exception {
        String path = path();
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(502)));
        long subscription = subscription(url(path), "json", List.of());
        WebhookEvent event = event();

        Map<String, Object> delivery = awaitStatus(subscription, event.id(), "failed");
        assertEquals(4, delivery.get("attempts"));
        assertNull(delivery.get("next_attempt_at"));
        assertEquals(4, requestsFor(path, event));
        assertEquals(true, enabled(subscription));

        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        long id = (Long) delivery.get("id");
        String answer = admin().post("/api/v1/webhooks/{s}/deliveries/{d}/redeliver", subscription, id)
                .then().statusCode(202).extract().asString();
        JsonNode redelivered = mapper.readTree(answer);
        assertEquals("pending", redelivered.get("status").asText());
        assertEquals(0, redelivered.get("attempts").asInt());
        Map<String, Object> done = awaitStatus(subscription, event.id(), "delivered");
        assertEquals(1, done.get("attempts"));
        assertEquals(5, attemptTimes(id).size());

        JsonNode page = mapper.readTree(admin().get("/api/v1/webhooks/{s}/deliveries", subscription)
                .then().statusCode(200).extract().asString());
        assertEquals(1, page.get("items").size());
        assertEquals(event.id(), page.get("items").get(0).get("eventId").asText());
        assertEquals("task.created", page.get("items").get(0).get("eventType").asText());
        assertEquals(200, page.get("items").get(0).get("lastStatusCode").asInt());
    }

    @Test
    void aRedirectToAPrivateAddressIsRefusedWithoutRetry() throws Exception {
        String path = path();
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(307)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data/")));
        long subscription = subscription(url(path), "json", List.of());
        WebhookEvent event = event();

        Map<String, Object> delivery = awaitStatus(subscription, event.id(), "failed");
        assertEquals(1, delivery.get("attempts"));
        assertTrue(((String) delivery.get("last_error")).startsWith(SendResult.REFUSED), (String) delivery.get("last_error"));
        assertEquals(true, enabled(subscription));
    }

    @Test
    void theDeliveryLogPagesNewestFirst() throws Exception {
        String path = path();
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        long subscription = subscription(url(path), "json", List.of());
        List<WebhookEvent> events = List.of(event(), event(), event());
        for (WebhookEvent e : events) {
            awaitStatus(subscription, e.id(), "delivered");
        }
        JsonNode first = mapper.readTree(admin().queryParam("limit", 2).get("/api/v1/webhooks/{s}/deliveries", subscription)
                .then().statusCode(200).extract().asString());
        assertEquals(2, first.get("items").size());
        assertTrue(first.get("items").get(0).get("id").asLong() > first.get("items").get(1).get("id").asLong());
        JsonNode second = mapper.readTree(admin().queryParam("limit", 2)
                .queryParam("cursor", first.get("nextCursor").asText())
                .get("/api/v1/webhooks/{s}/deliveries", subscription).then().statusCode(200).extract().asString());
        assertEquals(1, second.get("items").size());
        assertTrue(second.get("nextCursor").isNull());
        assertEquals(events.get(0).id(), second.get("items").get(0).get("eventId").asText());

        admin().queryParam("limit", 0).get("/api/v1/webhooks/{s}/deliveries", subscription)
                .then().statusCode(400).contentType("application/problem+json");
        admin().queryParam("cursor", "abc").get("/api/v1/webhooks/{s}/deliveries", subscription)
                .then().statusCode(400).contentType("application/problem+json");
        admin().queryParam("limit", 201).get("/api/v1/webhooks/{s}/deliveries", subscription)
                .then().statusCode(400).contentType("application/problem+json");
        admin().queryParam("status", "failed").get("/api/v1/webhooks/{s}/deliveries", subscription)
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.equalTo("unknown query parameter status; known are limit, cursor"));
        admin().get("/api/v1/webhooks/{s}/deliveries", 999_999_999L)
                .then().statusCode(404).contentType("application/problem+json");
        admin().get("/api/v1/webhooks/{s}/deliveries/{d}", subscription, 999_999_999L)
                .then().statusCode(404).contentType("application/problem+json");
        admin().post("/api/v1/webhooks/{s}/deliveries/{d}/redeliver", subscription, 999_999_999L)
                .then().statusCode(404).contentType("application/problem+json");
        admin().get("/api/v1/webhooks/{s}/deliveries", "x")
                .then().statusCode(400).contentType("application/problem+json");
    }

    /** Runs one statement on the test database. */
    void sql(String statement) throws SQLException {
        try (Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    JsonNode deliveryDetail(long subscription, Object deliveryId) throws Exception {
        return mapper.readTree(admin().get("/api/v1/webhooks/{s}/deliveries/{d}", subscription, deliveryId)
                .then().statusCode(200).extract().asString());
    }

    @Test
    void anAnswerWithANulIsRecordedOnceAndTheRestOfItsBatchIsSentOnce() throws Exception {
        // PostgreSQL refuses U+0000 in text: recording this answer used to fail, roll back and leave the
        // delivery pending with 0 attempts, re-sent whenever its lease ran out, and the failure cancelled
        // the slower delivery of the same batch, which was then sent a second time.
        String nul = path();
        receiver.stubFor(post(urlEqualTo(nul)).willReturn(aResponse().withStatus(200).withBody("ok\u0000")));
        String slow = path();
        receiver.stubFor(post(urlEqualTo(slow)).willReturn(aResponse().withStatus(200).withBody("fine")
                .withFixedDelay(700)));
        long nulSubscription = subscription(url(nul), "json", List.of());
        long slowSubscription = subscription(url(slow), "json", List.of());
        WebhookEvent event = event();

        Map<String, Object> nulDelivery = awaitStatus(nulSubscription, event.id(), "delivered");
        Map<String, Object> slowDelivery = awaitStatus(slowSubscription, event.id(), "delivered");
        assertEquals(1, nulDelivery.get("attempts"));
        assertEquals(1, slowDelivery.get("attempts"));
        JsonNode attempts = deliveryDetail(nulSubscription, nulDelivery.get("id")).get("attempts");
        assertEquals(1, attempts.size());
        assertEquals("ok", attempts.get(0).get("responseBody").asText());
        // two dispatcher runs or more later: still one request each for this event (the slow answer stays well
        // inside the 3 s test timeout even on a loaded machine, where a timeout would rightly be retried)
        Thread.sleep(2500);
        assertEquals(1, requestsFor(nul, event), "requests of the event to the receiver answering with a NUL");
        assertEquals(1, requestsFor(slow, event), "requests of the event to the slow receiver");
    }

    /**
     * The requests a receiver got carrying this event. Counted per event: a task event another test left in
     * the outbox, or one made meanwhile, is rightly sent to every matching subscription, this test's too.
     */
    List<LoggedRequest> requests(String path, WebhookEvent event) {
        return receiver.findAll(postRequestedFor(urlEqualTo(path))).stream()
                .filter(request -> event.id().equals(request.getHeader("webhook-id"))
                        || request.getBodyAsString().contains(event.id()))
                .toList();
    }

    long requestsFor(String path, WebhookEvent event) {
        return requests(path, event).size();
    }

    @Test
    void anAttemptWhoseDetailsCannotBeRecordedStillCountsUntilMaxAttempts() throws Exception {
        // A real write failure of the attempt's row, whatever its cause: this answer cannot be stored.
        sql("ALTER TABLE webhook_attempt ADD CONSTRAINT test_unrecordable"
                + " CHECK (response_body IS NULL OR response_body NOT LIKE '%unrecordable%') NOT VALID");
        try {
            String path = path();
            receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(503)
                    .withBody("unrecordable answer")));
            long subscription = subscription(url(path), "json", List.of());
            WebhookEvent event = event();

            Map<String, Object> delivery = awaitStatus(subscription, event.id(), "failed");
            assertEquals(4, delivery.get("attempts"));
            assertEquals(503, delivery.get("last_status_code"));
            assertNull(delivery.get("next_attempt_at"));
            assertTrue(((String) delivery.get("last_error")).startsWith("the attempt's details could not be recorded"),
                    (String) delivery.get("last_error"));
            JsonNode attempts = deliveryDetail(subscription, delivery.get("id")).get("attempts");
            assertEquals(4, attempts.size());
            for (JsonNode attempt : attempts) {
                assertEquals(503, attempt.get("statusCode").asInt());
                assertTrue(attempt.get("responseBody").isNull());
            }
            assertEquals(4, requestsFor(path, event));
        } finally {
            sql("ALTER TABLE webhook_attempt DROP CONSTRAINT test_unrecordable");
        }
    }

    @Test
    void aDeliveryWhoseLastAllowedAttemptWentUnrecordedIsGivenUpNotSentAgain() throws Exception {
        // The state a crash (or a database gone mid-attempt) leaves: the lease counted the 4th and last
        // allowed attempt, then ran out without an outcome.
        String path = path();
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        long subscription = subscription(url(path), "json", List.of());
        WebhookEvent event = DeliveryEvents.urgentTask(WebhookEventType.TASK_CREATED);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "WITH o AS (INSERT INTO webhook_outbox (event_id, event_type, payload, created_at, dispatched_at)"
                        + " VALUES (?, ?, ?, now(), now()) RETURNING id)"
                        + " INSERT INTO webhook_delivery (outbox_id, subscription_id, status, attempts, next_attempt_at,"
                        + " created_at) SELECT o.id, ?, 'pending', 4, now() - interval '1 second', now() FROM o")) {
            s.setObject(1, UUID.fromString(event.id()));
            s.setString(2, event.type());
            s.setString(3, mapper.writeValueAsString(event));
            s.setLong(4, subscription);
            s.executeUpdate();
        }

        Map<String, Object> delivery = awaitStatus(subscription, event.id(), "failed");
        assertEquals(4, delivery.get("attempts"));
        assertTrue(((String) delivery.get("last_error")).contains("not recorded"), (String) delivery.get("last_error"));
        assertEquals(0, requestsFor(path, event));
    }

    @Test
    void theDeliveryApiIsForAdminsOnly() {
        for (String[] call : new String[][] {{"GET", "/api/v1/webhooks/1/deliveries"},
                {"GET", "/api/v1/webhooks/1/deliveries/1"}, {"POST", "/api/v1/webhooks/1/deliveries/1/redeliver"}}) {
            given().request(call[0], call[1]).then().statusCode(401).contentType("application/problem+json");
            for (String role : List.of("agent", "lead")) {
                given().auth().oauth2(DevJwt.token("u@earshot.test", role, DevJwt.ISSUER, Duration.ofHours(1)))
                        .request(call[0], call[1]).then().statusCode(403).contentType("application/problem+json");
            }
        }
    }

}
