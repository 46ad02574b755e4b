package dev.earshot.listener.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.listener.pipeline.DeadLetterStore;
import dev.earshot.listener.support.AlgoliaWireMock;
import dev.earshot.listener.support.ListenerTestSupport;
import dev.earshot.testing.DevJwt;
import dev.earshot.testing.TestBroker;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(AlgoliaWireMock.class)
class IngestResourceTest extends ListenerTestSupport {

    @Inject
    ObjectMapper objectMapper;

    private static String post(String nativeId, String text, String createdAt) {
        return """
                {"source": "forum", "instance": "forum.example.com", "nativeId": "%s",
                 "permalink": "https://forum.example.com/t/%s", "author": {"handle": "dana", "followers": 12},
                 "text": "%s", "createdAt": "%s", "languageHint": "en", "engagement": {"likes": 3}}"""
                .formatted(nativeId, nativeId, text, createdAt);
    }

    @Test
    void aBatchIsNormalisedMatchedDedupedAndEachPostReported() throws Exception {
        String now = Instant.now().minusSeconds(30).toString();
        String body = "{\"posts\": [" + String.join(",",
                post("1", "<p>Quarkus is <b>down</b> for everyone here today</p><script>alert(1)</script>", now),
                post("1", "Quarkus is down for everyone here today", now),
                "{\"source\": \"forum\", \"instance\": \"forum.example.com\", \"author\": {\"id\": \"x\"}, \"text\": \"quarkus\", \"createdAt\": \"" + now + "\"}",
                post("3", "quarkus from the far future", "2199-01-01T00:00:00Z"),
                post("4", "nothing about our rules", now),
                post("5", "QUARKUS is down for everyone here today! https://t.co/x", now),
                "42") + "]}";

        given().auth().oauth2(DevJwt.token("ingest")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/ingest").then().statusCode(200)
                .body("received", equalTo(7)).body("published", equalTo(2)).body("duplicates", equalTo(1))
                .body("unmatched", equalTo(1)).body("rejected", equalTo(3))
                .body("items[0].status", equalTo("published")).body("items[0].id", equalTo("forum:forum.example.com:1"))
                .body("items[0].matchedRules", contains("quarkus")).body("items[0].nearDuplicateOf", nullValue())
                .body("items[1].status", equalTo("duplicate"))
                .body("items[2].status", equalTo("rejected")).body("items[2].reason", equalTo("nativeId is required"))
                .body("items[3].reason", equalTo("createdAt out of range: 2199-01-01T00:00:00Z"))
                .body("items[4].status", equalTo("unmatched"))
                .body("items[5].status", equalTo("published"))
                .body("items[5].nearDuplicateOf", equalTo("forum:forum.example.com:1"))
                .body("items[6].reason", equalTo("the post is not a JSON object"));

        List<JsonNode> published = take(2);
        JsonNode first = published.get(0);
        assertEquals("Quarkus is down for everyone here today", first.get("text").asText());
        assertEquals("forum", first.get("source").asText());
        assertEquals("forum:forum.example.com:1", first.get("conversationId").asText());
        assertEquals(12, first.get("author").get("followers").asInt());
        assertEquals("forum:forum.example.com:1", published.get(1).get("nearDuplicateOf").asText());
        assertNull(broker.take(TAP_QUEUE));
        assertEquals(3L, redis.stream(String.class).xlen(DeadLetterStore.STREAM));

        given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/sources").then().statusCode(200)
                .body("items.find { it.source == 'forum' }.instance", equalTo("forum.example.com"))
                .body("items.find { it.source == 'forum' }.pushed.publishedTotal", equalTo(2))
                .body("items.find { it.source == 'forum' }.pushed.lastAt", notNullValue())
                .body("items.find { it.source == 'forum' }.pushed.newestPostAt", notNullValue())
                .body("items.find { it.source == 'forum' }.lastSuccessAt", nullValue());
        given().get("/q/metrics").then().body(containsString(
                "earshot_listener_mentions_near_duplicates_total{instance=\"forum.example.com\",source=\"forum\"} 1.0"));
    }

    @Test
    void onlyAnAdminPushesIntoAPolledSourceSoAForgedPostNeitherClaimsNorShadowsTheRealOne() throws Exception {
        // the real Hacker News story 41000001 (page-quarkus.json), forged: its id, a title and a permalink of our choosing
        String forged = """
                {"source": "hackernews", "instance": "news.ycombinator.com", "nativeId": "41000001",
                 "permalink": "https://news.ycombinator.com/item?id=41000001", "author": {"handle": "mallory"},
                 "title": "Quarkus is a scam, refunds at evil.example", "createdAt": "%s"}"""
                .formatted(Instant.now().minusSeconds(60));
        for (String role : List.of("ingest", "lead")) {
            given().auth().oauth2(DevJwt.token(role)).contentType(ContentType.JSON).body(forged)
                    .post("/api/v1/ingest").then().statusCode(200).body("published", equalTo(0))
                    .body("items[0].status", equalTo("rejected"))
                    .body("items[0].reason", startsWith("source hackernews is read by Earshot itself"));
        }
        for (String polled : List.of("mastodon", "reddit", "bluesky", "bluesky-jetstream", "rss")) {
            given().auth().oauth2(DevJwt.token("ingest")).contentType(ContentType.JSON)
                    .body(forged.replace("\"hackernews\"", "\"" + polled + "\"")).post("/api/v1/ingest").then()
                    .statusCode(200).body("items[0].status", equalTo("rejected"));
        }
        assertNull(broker.take(TAP_QUEUE));

        // the real post is not shadowed: the poll publishes it (and its comment) with the platform's own title
        algolia.stubFor(search("quarkus").willReturn(json(resource("hackernews/page-quarkus.json"))));
        pollNow().body("published", equalTo(2)).body("duplicates", equalTo(0));
        List<JsonNode> polled = take(2);
        assertEquals("Show HN: Quarkus 4 on GraalVM", polled.get(0).get("title").asText());

        // an admin may backfill a polled source (e.g. a post missed during an outage): the same id, so still once
        given().auth().oauth2(DevJwt.token("admin")).contentType(ContentType.JSON).body(forged)
                .post("/api/v1/ingest").then().statusCode(200).body("items[0].status", equalTo("duplicate"));
        given().auth().oauth2(DevJwt.token("admin")).contentType(ContentType.JSON)
                .body(forged.replace("41000001", "41000999")).post("/api/v1/ingest").then().statusCode(200)
                .body("items[0].status", equalTo("published"))
                .body("items[0].id", equalTo("hackernews:news.ycombinator.com:41000999"));
        assertEquals(1, take(1).size());

        // the pushed posts are reported apart: a failing poller does not look healthy because an admin pushed
        algolia.stubFor(search("quarkus").willReturn(com.github.tomakehurst.wiremock.client.WireMock.serverError()));
        given().auth().oauth2(DevJwt.token("admin")).post("/api/v1/sources/hackernews/poll").then().statusCode(200);
        given().auth().oauth2(DevJwt.token("admin")).contentType(ContentType.JSON)
                .body(forged.replace("41000001", "41000998")).post("/api/v1/ingest").then().statusCode(200)
                .body("items[0].status", equalTo("published"));
        given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/sources").then().statusCode(200)
                .body("items.find { it.source == 'hackernews' }.lastError", notNullValue())
                .body("items.find { it.source == 'hackernews' }.consecutiveFailures", equalTo(1))
                .body("items.find { it.source == 'hackernews' }.publishedTotal", equalTo(2))
                .body("items.find { it.source == 'hackernews' }.pushed.publishedTotal", equalTo(2));
    }

    @Test
    void aPermalinkMustBeOnThePostsInstance() {
        String now = Instant.now().minusSeconds(30).toString();
        String body = "[" + String.join(",",
                post("20", "quarkus link elsewhere", now).replace("https://forum.example.com/t/20",
                        "https://news.ycombinator.com/item?id=41000001"),
                post("21", "quarkus lookalike host", now).replace("https://forum.example.com/t/21",
                        "https://forum.example.com.evil.example/t/21"),
                post("22", "quarkus userinfo trick", now).replace("https://forum.example.com/t/22",
                        "https://forum.example.com@evil.example/t/22"),
                post("23", "quarkus same host other case", now).replace("https://forum.example.com/t/23",
                        "https://Forum.Example.com/t/23"),
                post("24", "quarkus wrong port", now).replace("\"forum.example.com\"", "\"forum.example.com:8443\""),
                post("25", "quarkus right port", now).replace("\"forum.example.com\"", "\"forum.example.com:8443\"")
                        .replace("https://forum.example.com/t/25", "https://forum.example.com:8443/t/25")) + "]";
        given().auth().oauth2(DevJwt.token("ingest")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/ingest").then().statusCode(200)
                .body("items[0].status", equalTo("rejected"))
                .body("items[0].reason", equalTo("permalink must be on the post's instance forum.example.com"))
                .body("items[1].status", equalTo("rejected")).body("items[2].status", equalTo("rejected"))
                .body("items[3].status", equalTo("published"))
                .body("items[4].status", equalTo("rejected"))
                .body("items[4].reason", equalTo("permalink must be on the post's instance forum.example.com:8443"))
                .body("items[5].status", equalTo("published"));
    }

    @Test
    void invalidUtf8InOnePostRejectsOnlyThatPost() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String now = Instant.now().toString();
        String bad = post("10", "quarkus broken bytes: XX", now);
        int cut = bad.indexOf("XX");
        body.write("[".getBytes(StandardCharsets.UTF_8));
        body.write(bad.substring(0, cut).getBytes(StandardCharsets.UTF_8));
        body.write(new byte[] { (byte) 0xC3, (byte) 0x28 });
        body.write(bad.substring(cut + 2).getBytes(StandardCharsets.UTF_8));
        body.write(("," + post("11", "quarkus fine", now) + "]").getBytes(StandardCharsets.UTF_8));

        given().auth().oauth2(DevJwt.token("lead")).contentType(ContentType.JSON).body(body.toByteArray())
                .post("/api/v1/ingest").then().statusCode(200)
                .body("items[0].status", equalTo("rejected")).body("items[0].reason", equalTo("text is not valid UTF-8"))
                .body("items[1].status", equalTo("published"));
        assertEquals(1, take(1).size());
    }

    @Test
    void aTitleLongerThan500CharactersRejectsOnlyThatPost() {
        String now = Instant.now().toString();
        String longTitle = "{\"source\": \"forum\", \"instance\": \"forum.example.com\", \"nativeId\": \"30\", "
                + "\"author\": {\"handle\": \"dana\"}, \"title\": \"quarkus " + "x".repeat(600) + "\", "
                + "\"text\": \"quarkus\", \"createdAt\": \"" + now + "\"}";
        given().auth().oauth2(DevJwt.token("lead")).contentType(ContentType.JSON)
                .body("[" + longTitle + "," + post("31", "quarkus fine", now) + "]")
                .post("/api/v1/ingest").then().statusCode(200)
                .body("items[0].status", equalTo("rejected"))
                .body("items[0].reason", equalTo("title is longer than 500 characters"))
                .body("items[1].status", equalTo("published"));
    }

    @Test
    void controlCharactersInAPushedPostAreNotPublished() throws Exception {
        String now = Instant.now().toString();
        String body = """
                [{"source": "forum", "instance": "forum.example.com", "nativeId": "20\\u0000",
                  "permalink": "https://forum.example.com/t/20", "title": "Quarkus\\u0000 outage\\u0007",
                  "author": {"handle": "da\\u0000na", "displayName": "Dana\\u001b \\ud800"},
                  "text": "quarkus\\u0000 is down \\u0085again", "createdAt": "%s"}]""".formatted(now);

        given().auth().oauth2(DevJwt.token("ingest")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/ingest").then().statusCode(200)
                .body("items[0].status", equalTo("published")).body("items[0].id", equalTo("forum:forum.example.com:20"));
        JsonNode published = take(1).get(0);
        assertEquals("quarkus is down again", published.get("text").asText());
        assertEquals("Quarkus outage", published.get("title").asText());
        assertEquals("dana", published.get("author").get("handle").asText());
        assertEquals("Dana \uFFFD", published.get("author").get("displayName").asText());
        assertEquals("forum:forum.example.com:20", published.get("id").asText());
    }

    @Test
    void wholeBodyErrors() {
        given().auth().oauth2(DevJwt.token("ingest")).contentType(ContentType.JSON).body("{\"posts\": [")
                .post("/api/v1/ingest").then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("detail", startsWith("the body is not valid JSON"));
        given().auth().oauth2(DevJwt.token("ingest")).contentType(ContentType.JSON).body("[]")
                .post("/api/v1/ingest").then().statusCode(400).body("detail", equalTo("no posts in the body"));
        byte[] huge = new byte[2 * 1024 * 1024 + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        huge[0] = '[';
        huge[huge.length - 1] = ']';
        given().auth().oauth2(DevJwt.token("ingest")).contentType(ContentType.JSON).body(huge)
                .post("/api/v1/ingest").then().statusCode(413).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(413));
        given().auth().oauth2(DevJwt.token("agent")).contentType(ContentType.JSON).body("[]")
                .post("/api/v1/ingest").then().statusCode(403);
        given().contentType(ContentType.JSON).body("[]").post("/api/v1/ingest").then().statusCode(401);
        assertFalse(redis.key().exists(DeadLetterStore.STREAM));
    }

    @Test
    void aPostSentAsAnythingButJsonIs415ProblemJsonAndNothingIsDeadLettered() {
        String one = post("40", "quarkus as form", Instant.now().toString());
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/xml")) {
            given().auth().oauth2(DevJwt.token("ingest")).contentType(type).body(one)
                    .post("/api/v1/ingest").then().statusCode(415).contentType(startsWith("application/problem+json"))
                    .body("status", equalTo(415));
        }
        assertFalse(redis.key().exists(DeadLetterStore.STREAM));
    }

    @Test
    void jsonNestedTooDeeplyIs400ProblemJson() {
        for (int depth : List.of(1001, 65)) {
            String nested = "{\"posts\": [" + post("30", "quarkus nested", Instant.now().toString())
                    .replace("\"engagement\"", "\"extra\": " + "[".repeat(depth) + "]".repeat(depth) + ", \"engagement\"")
                    + "]}";
            given().auth().oauth2(DevJwt.token("ingest")).contentType(ContentType.JSON).body(nested)
                    .post("/api/v1/ingest").then().statusCode(400).contentType(startsWith("application/problem+json"))
                    .body("status", equalTo(400))
                    .body("detail", startsWith("the body is not valid JSON: Document nesting depth (65) exceeds the "
                            + "maximum allowed (64"));
        }
        // 64 levels in all (the wrapper object, its array, the post and the extra arrays) still read
        String deepest = "{\"posts\": [" + post("31", "quarkus nested just enough", Instant.now().toString())
                .replace("\"engagement\"", "\"extra\": " + "[".repeat(61) + "]".repeat(61) + ", \"engagement\"") + "]}";
        given().auth().oauth2(DevJwt.token("ingest")).contentType(ContentType.JSON).body(deepest)
                .post("/api/v1/ingest").then().statusCode(200).body("items[0].status", equalTo("published"));
        assertFalse(redis.key().exists(DeadLetterStore.STREAM));
    }

    private List<JsonNode> take(int count) throws Exception {
        List<JsonNode> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            TestBroker.Received m;
            while (received.size() < count && (m = broker.take(TAP_QUEUE)) != null) {
                received.add(objectMapper.readTree(m.body()));
            }
            return received.size() >= count;
        });
        received.sort(java.util.Comparator.comparing(n -> n.get("id").asText()));
        assertTrue(received.size() == count);
        return received;
    }
}
