package dev.earshot.response.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.earshot.testing.DevJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class WebhookResourceTest {

    /** No subscription of these tests outlives them: the dispatcher would try to deliver to it. */
    @AfterEach
    void deleteSubscriptions() {
        List<Integer> ids = as("admin").queryParam("limit", 200).get("/api/v1/webhooks").then().extract()
                .path("items.id");
        ids.forEach(id -> as("admin").delete("/api/v1/webhooks/" + id));
    }

    static RequestSpecification as(String role) {
        return given().auth().oauth2(DevJwt.token("root@acme.example", role, DevJwt.ISSUER, Duration.ofHours(1)));
    }

    static Map<String, Object> slack(String url) {
        return Map.of("name", "#social-urgent", "url", url, "format", "slack",
                "events", List.of("task.created", "task.sla_breached"), "minTier", "P2",
                "teams", List.of("support"), "intents", List.of("outage"));
    }

    @Test
    void subscriptionsAreListedAPageAtATimeInIdOrder() {
        List<Long> created = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(as("admin").contentType(ContentType.JSON)
                    .body(slack("https://hooks.slack.com/services/T9/B" + i + "/x")).post("/api/v1/webhooks").then()
                    .statusCode(201).extract().jsonPath().getLong("id"));
        }
        List<Long> listed = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var request = as("admin").queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/webhooks").then().statusCode(200).extract().jsonPath();
            List<Long> ids = page.getList("items.id", Long.class);
            assertFalse(ids.size() > 2, ids.toString());
            listed.addAll(ids);
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(listed.stream().sorted().distinct().toList(), listed);
        assertEquals(created, listed.stream().filter(created::contains).toList());

        as("admin").queryParam("enabled", true).get("/api/v1/webhooks").then().statusCode(400)
                .body("detail", equalTo("unknown query parameter enabled; known are limit, cursor"));
        for (String query : List.of("limit=0", "limit=201", "cursor=abc", "cursor=-1")) {
            as("admin").get("/api/v1/webhooks?" + query).then().statusCode(400)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void anAdminCreatesReadsReplacesAndDeletesASubscription() {
        JsonPath created = as("admin").contentType(ContentType.JSON)
                .body(slack("https://hooks.slack.com/services/T0001/B0001/SeCrEtToKeN"))
                .post("/api/v1/webhooks").then().statusCode(201)
                .header("Location", containsString("/api/v1/webhooks/"))
                .header("ETag", "\"1\"")
                .body("format", equalTo("slack"))
                .body("events", equalTo(List.of("task.created", "task.sla_breached")))
                .body("minTier", equalTo("P2"))
                .body("enabled", equalTo(true))
                .body("signingKeys", equalTo(0))
                .body("newSecret", nullValue())
                .body("createdBy", equalTo("root@acme.example"))
                .extract().jsonPath();
        long id = created.getLong("id");
        // The URL is a credential: only scheme, host and first path segment are shown.
        assertEquals("https://hooks.slack.com/services/…", created.getString("url"));

        as("admin").get("/api/v1/webhooks/" + id).then().statusCode(200)
                .body("name", equalTo("#social-urgent"))
                .body("url", not(containsString("SeCrEtToKeN")));
        as("admin").get("/api/v1/webhooks").then().statusCode(200).body("items.id", hasItem((int) id));

        // PUT changes what it sends: the url and minTier left out are kept; a stale If-Match is refused.
        Map<String, Object> changed = Map.of("name", "#legal", "format", "slack", "events", List.of("task.created"),
                "teams", List.of("legal"));
        as("admin").contentType(ContentType.JSON).header("If-Match", "\"7\"").body(changed)
                .put("/api/v1/webhooks/" + id).then().statusCode(412);
        as("admin").contentType(ContentType.JSON).header("If-Match", "\"1\"").body(changed)
                .put("/api/v1/webhooks/" + id).then().statusCode(200)
                .header("ETag", "\"2\"")
                .body("name", equalTo("#legal"))
                .body("teams", equalTo(List.of("legal")))
                .body("minTier", equalTo("P2"))
                .body("url", equalTo("https://hooks.slack.com/services/…"));

        as("admin").delete("/api/v1/webhooks/" + id).then().statusCode(204);
        as("admin").get("/api/v1/webhooks/" + id).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aPartialPutChangesOnlyWhatItSends() {
        long id = as("admin").contentType(ContentType.JSON)
                .body(slack("https://hooks.slack.com/services/T2/B2/x")).post("/api/v1/webhooks")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        as("admin").contentType(ContentType.JSON).body(Map.of("enabled", false)).put("/api/v1/webhooks/" + id)
                .then().statusCode(200).header("ETag", "\"2\"")
                .body("enabled", equalTo(false)).body("disabledReason", equalTo("disabled by an admin"))
                .body("name", equalTo("#social-urgent")).body("format", equalTo("slack"))
                .body("events", equalTo(List.of("task.created", "task.sla_breached")))
                .body("minTier", equalTo("P2")).body("teams", equalTo(List.of("support")))
                .body("intents", equalTo(List.of("outage")));
        as("admin").contentType(ContentType.JSON).body(Map.of("enabled", true, "intents", List.of()))
                .put("/api/v1/webhooks/" + id).then().statusCode(200)
                .body("enabled", equalTo(true)).body("disabledReason", nullValue()).body("intents", equalTo(List.of()));
        as("admin").contentType(ContentType.JSON).body(Map.of("events", List.of("task.reopened")))
                .put("/api/v1/webhooks/" + id).then().statusCode(200).body("events", equalTo(List.of("task.reopened")));
    }

    @Test
    void theAddressGuardChecksTheUrlOnCreateAndChange() {
        for (String url : List.of("http://10.1.2.3/hook", "http://169.254.169.254/latest/meta-data/",
                "http://metadata.google.internal/x", "http://2130706433/hook")) {
            as("admin").contentType(ContentType.JSON).body(slack(url)).post("/api/v1/webhooks").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("detail", startsWith("url is refused: host "));
        }
        as("admin").contentType(ContentType.JSON).body(slack("http://10.1.2.3/hook")).post("/api/v1/webhooks").then()
                .body("detail", equalTo("url is refused: host 10.1.2.3 resolves to a non-public address (10.1.2.3)"));
        long id = as("admin").contentType(ContentType.JSON)
                .body(slack("https://hooks.slack.com/services/T3/B3/x")).post("/api/v1/webhooks")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        as("admin").contentType(ContentType.JSON).body(Map.of("url", "http://192.168.1.10/hook"))
                .put("/api/v1/webhooks/" + id).then().statusCode(400)
                .body("detail", startsWith("url is refused: host 192.168.1.10 resolves to a non-public address"));
        as("admin").get("/api/v1/webhooks/" + id).then().body("version", equalTo(1));
    }

    @Test
    void jsonSubscriptionsGetASigningKeyShownOnceAndRotateWithAnOverlap() {
        JsonPath created = as("admin").contentType(ContentType.JSON)
                .body(Map.of("name", "crm", "url", "https://crm.example.com/hooks/earshot", "format", "json",
                        "events", List.of("task.resolved")))
                .post("/api/v1/webhooks").then().statusCode(201)
                .body("signingKeys", equalTo(1))
                .body("newSecret", startsWith("whsec_"))
                .extract().jsonPath();
        long id = created.getLong("id");
        String first = created.getString("newSecret");
        as("admin").get("/api/v1/webhooks/" + id).then().statusCode(200).body("newSecret", nullValue());

        String second = as("admin").post("/api/v1/webhooks/" + id + "/secrets").then().statusCode(200)
                .body("signingKeys", equalTo(2))
                .body("newSecret", startsWith("whsec_"))
                .extract().path("newSecret");
        assertNotEquals(first, second);
        as("admin").delete("/api/v1/webhooks/" + id + "/secrets/previous").then().statusCode(200)
                .body("signingKeys", equalTo(1));

        // A key of our own is accepted when it has the Standard Webhooks shape.
        as("admin").contentType(ContentType.JSON)
                .body(Map.of("name", "crm", "format", "json", "events", List.of("task.resolved"),
                        "secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                .put("/api/v1/webhooks/" + id).then().statusCode(200).body("signingKeys", equalTo(1));
    }

    @Test
    void rotatingAChatToolSubscriptionIsAConflict() {
        long id = as("admin").contentType(ContentType.JSON)
                .body(slack("https://hooks.slack.com/services/T1/B1/x")).post("/api/v1/webhooks")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        as("admin").post("/api/v1/webhooks/" + id + "/secrets").then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void invalidSubscriptionsAreRefusedWithTheirReason() {
        record Case(Map<String, Object> body, String detail) {
        }
        List<Case> cases = List.of(
                new Case(Map.of("name", "x", "format", "slack", "events", List.of("task.created")), "url is required"),
                new Case(Map.of("name", "x", "url", "ftp://files.example.com/x", "format", "slack",
                        "events", List.of("task.created")), "absolute http(s) URL"),
                new Case(Map.of("name", "x", "url", "https://user:pw@example.com/x", "format", "slack",
                        "events", List.of("task.created")), "without user info"),
                new Case(Map.of("name", "x", "url", "https://example.com/x", "format", "telegram",
                        "events", List.of("task.created")), "format must be one of"),
                new Case(Map.of("name", "x", "url", "https://example.com/x", "format", "slack",
                        "events", List.of()), "events must name at least one"),
                new Case(Map.of("name", "x", "url", "https://example.com/x", "format", "slack",
                        "events", List.of("task.exploded")), "unknown event task.exploded"),
                new Case(Map.of("name", "x", "url", "https://example.com/x", "format", "slack",
                        "events", List.of("task.created"), "minTier", "P9"), "minTier must be one of"),
                new Case(Map.of("name", "x", "url", "https://example.com/x", "format", "slack",
                        "events", List.of("task.created"), "teams", List.of("marketing")), "unknown team marketing"),
                new Case(Map.of("name", "x", "url", "https://example.com/x", "format", "slack",
                        "events", List.of("task.created"), "secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                        "json format only"),
                new Case(Map.of("name", "x", "url", "https://example.com/x", "format", "json",
                        "events", List.of("task.created"), "secret", "hunter2"), "secret must be whsec_"),
                new Case(Map.of("name", " ", "url", "https://example.com/x", "format", "slack",
                        "events", List.of("task.created")), "name must be"));
        for (Case c : cases) {
            as("admin").contentType(ContentType.JSON).body(c.body()).post("/api/v1/webhooks").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString(c.detail()));
        }
        as("admin").contentType(ContentType.JSON).body("{\"name\": ").post("/api/v1/webhooks").then()
                .statusCode(400).contentType("application/problem+json");
        as("admin").get("/api/v1/webhooks/abc").then().statusCode(400).contentType("application/problem+json");
        as("admin").get("/api/v1/webhooks/1/deliveries/abc").then().statusCode(400)
                .contentType("application/problem+json");
        as("admin").get("/api/v1/webhooks/1/deliveries?limit=-3").then().statusCode(400)
                .contentType("application/problem+json");
        as("admin").contentType(ContentType.TEXT).body("name=x").post("/api/v1/webhooks").then().statusCode(415)
                .contentType("application/problem+json");
        as("admin").patch("/api/v1/webhooks/1").then().statusCode(405).contentType("application/problem+json");
        as("admin").post("/api/v1/webhooks/1/test?event=task.exploded").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void onlyAdminsManageWebhooks() {
        given().get("/api/v1/webhooks").then().statusCode(401).contentType("application/problem+json");
        for (String role : List.of("agent", "lead", "ingest")) {
            as(role).get("/api/v1/webhooks").then().statusCode(403);
            as(role).contentType(ContentType.JSON).body(slack("https://hooks.slack.com/services/a/b/c"))
                    .post("/api/v1/webhooks").then().statusCode(403);
        }
        given().auth().oauth2(DevJwt.tokenSignedByStranger("admin")).get("/api/v1/webhooks").then().statusCode(401);
    }

    @Test
    void aTestSendToARefusedAddressSaysWhy() {
        // a host that does not resolve (yet) is accepted on create: the guard checks again on every send
        long id = as("admin").contentType(ContentType.JSON)
                .body(Map.of("name", "not yet", "url", "http://hooks.earshot-no-such-host.invalid/x", "format", "json",
                        "events", List.of("task.created")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().jsonPath().getLong("id");
        JsonPath answer = as("admin").queryParam("event", "task.sla_breached")
                .post("/api/v1/webhooks/" + id + "/test").then().statusCode(200)
                .body("delivered", equalTo(false))
                .body("eventType", equalTo("task.sla_breached"))
                .body("statusCode", nullValue())
                .body("error", containsString("does not resolve"))
                .extract().jsonPath();
        assertFalse(answer.getBoolean("delivered"));
        as("admin").queryParam("event", "task.nothing")
                .post("/api/v1/webhooks/" + id + "/test").then().statusCode(400);
        as("admin").post("/api/v1/webhooks/999999999/test").then().statusCode(404);
    }
}
