package dev.earshot.listener.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.earshot.listener.pipeline.DeadLetterStore;
import dev.earshot.listener.support.AlgoliaWireMock;
import dev.earshot.listener.support.ListenerTestSupport;
import dev.earshot.testing.DevJwt;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Nothing a stranger sends grows the listener's dead letters or their answer without bound. */
@QuarkusTest
@WithTestResource(AlgoliaWireMock.class)
class BoundsTest extends ListenerTestSupport {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @Inject
    DeadLetterStore deadLetters;

    @Test
    void aDeadLetterKeepsAtMostFourKilobytesOfTheRawPostAndAShortReasonWhoeverAddsIt() {
        String now = Instant.now().minusSeconds(30).toString();
        String longText = "é".repeat(45_000);
        String post = """
                {"source": "forum", "instance": "forum.example.com", "nativeId": "big",
                 "author": {"handle": "dana"}, "text": "%s", "createdAt": "%s"}""".formatted(longText, now);
        given().auth().oauth2(DevJwt.token("ingest")).contentType(ContentType.JSON).body(post)
                .post("/api/v1/ingest").then().statusCode(200).body("rejected", equalTo(1));
        deadLetters.add("x".repeat(1000), "why ".repeat(10_000), "{\"a\":\"" + "z".repeat(1 << 20) + "\"}",
                Instant.now()).await().atMost(Duration.ofSeconds(5));

        List<Map<String, Object>> stored = given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/dead-letters")
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertEquals(2, stored.size());
        for (Map<String, Object> entry : stored) {
            String raw = (String) entry.get("raw");
            assertTrue(raw.getBytes(StandardCharsets.UTF_8).length <= DeadLetterStore.MAX_RAW_BYTES,
                    "raw of " + raw.getBytes(StandardCharsets.UTF_8).length + " bytes");
            assertTrue(raw.getBytes(StandardCharsets.UTF_8).length > DeadLetterStore.MAX_RAW_BYTES - 4);
            assertEquals(Boolean.TRUE, entry.get("rawTruncated"));
            assertTrue(((String) entry.get("reason")).length() <= DeadLetterStore.MAX_REASON_CHARS);
            assertTrue(((String) entry.get("source")).length() <= DeadLetterStore.MAX_SOURCE_CHARS);
        }
        assertTrue(((String) stored.get(1).get("raw")).startsWith("{\"source\":\"forum\""));
        // what Redis holds is bounded too, not only the answer
        redis.stream(String.class).xrange(DeadLetterStore.STREAM, io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"))
                .forEach(m -> assertTrue(m.payload().get("raw").getBytes(StandardCharsets.UTF_8).length
                        <= DeadLetterStore.MAX_RAW_BYTES));
    }

    @Test
    void theDeadLetterListIsCappedAtOneMebibyteAndPagesOnThroughItsCursor() {
        // control characters are escaped six-fold in JSON: 100 entries of 4 KiB make about 2.5 MB of answer
        String raw = "\u0001".repeat(5000);
        for (int i = 0; i < 100; i++) {
            deadLetters.add("forum", "bad post " + i, raw, Instant.now()).await().atMost(Duration.ofSeconds(5));
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = given().auth().oauth2(DevJwt.token("agent")).queryParam("limit", 200)
                    .queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor)).get("/api/v1/dead-letters");
            page.then().statusCode(200);
            assertTrue(page.asByteArray().length <= 1024 * 1024, "answer of " + page.asByteArray().length + " bytes");
            List<String> ids = page.jsonPath().getList("items.entryId");
            assertFalse(ids.isEmpty());
            ids.forEach(id -> assertTrue(seen.add(id), "entry " + id + " twice"));
            cursor = page.jsonPath().getString("nextCursor");
            String link = page.header("Link");
            if (cursor == null) {
                assertNull(link);
            } else {
                // the Link header says the same as nextCursor
                Matcher m = NEXT.matcher(link);
                assertTrue(m.matches(), link);
                assertEquals("/api/v1/dead-letters?limit=200&cursor=" + cursor, m.group(1));
                assertEquals(ids.get(ids.size() - 1), cursor);
            }
            pages++;
        } while (cursor != null);
        assertEquals(100, seen.size());
        assertTrue(pages > 1);

        Response exact = given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/dead-letters?limit=100&cursor=" + "9".repeat(15) + "-0");
        exact.then().statusCode(200);
        assertTrue(exact.asByteArray().length <= 1024 * 1024);
        Response small = given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/dead-letters?limit=2");
        assertEquals(2, small.jsonPath().getList("items").size());
        assertNotNull(small.jsonPath().getString("nextCursor"));
        assertNotNull(small.header("Link"));
    }

    @Test
    void theLimitAndCursorOfTheDeadLetterListAreChecked() {
        for (String query : List.of("limit=0", "limit=201", "limit=abc", "cursor=abc", "cursor=1-2-3",
                "before=1-0", "limit=1&limit=2")) {
            given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/dead-letters?" + query).then().statusCode(400)
                    .contentType("application/problem+json");
        }
        Response empty = given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/dead-letters?limit=200");
        empty.then().statusCode(200).body("items", org.hamcrest.Matchers.empty()).body("nextCursor", org.hamcrest.Matchers.nullValue());
        assertNull(empty.header("Link"));
    }
}
