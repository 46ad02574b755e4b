package dev.earshot.listener.source;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.earshot.listener.model.Mention;
import dev.earshot.listener.pipeline.DeadLetterStore;
import dev.earshot.listener.pipeline.SourceStateStore;
import dev.earshot.listener.support.AlgoliaWireMock;
import dev.earshot.listener.support.ListenerTestSupport;
import dev.earshot.listener.support.ScriptedSource;
import dev.earshot.testing.DevJwt;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smallrye.mutiny.Uni;

/** The generic poller against a scripted source: back-off, circuit, paging, isolation of instances. */
@QuarkusTest
@WithTestResource(AlgoliaWireMock.class)
class SourcePollerTest extends ListenerTestSupport {

    private static final String A = "a.example";
    private static final String B = "b.example";
    private static final String STATUS_A = "items.find { it.source == 'scripted' && it.instance == 'a.example' }.";
    private static final String STATUS_B = "items.find { it.source == 'scripted' && it.instance == 'b.example' }.";

    @AfterEach
    void resetScript() {
        ScriptedSource.reset();
    }

    private static Mention mention(String instance, String id, String text) {
        return Mention.builder().source(ScriptedSource.NAME).instance(instance).nativeId(id)
                .permalink("https://" + instance + "/" + id).author(new Mention.Author("u", "u", "u", null)).text(text)
                .createdAt(Instant.now().minusSeconds(60)).fetchedAt(Instant.now()).build();
    }

    private static FetchedPage page(List<Mention> mentions, String next, String cursor) {
        return new FetchedPage(mentions, List.of(), next, cursor, null);
    }

    private static ValidatableResponse poll() {
        return given().auth().oauth2(DevJwt.token("lead")).post("/api/v1/sources/scripted/poll").then().statusCode(200);
    }

    private static ValidatableResponse sources() {
        return given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/sources").then().statusCode(200);
    }

    private static Instant instant(String value) {
        return Instant.parse(value);
    }

    @Test
    void accessDeniedIsReportedAndBackedOffLongNotRetried() {
        ScriptedSource.enabled = true;
        ScriptedSource.feeds = List.of(ScriptedSource.feed(A, "tag"));
        ScriptedSource.script = (feed, cursor, token) -> Uni.createFrom()
                .failure(new SourceException.AccessDenied("HTTP 401: this instance requires a login"));

        poll().body("outcome", equalTo("failed")).body("error", containsString("access-denied"));
        String until = sources().body(STATUS_A + "backoffReason", equalTo("access-denied"))
                .body(STATUS_A + "lastError", containsString("requires a login")).extract().path(STATUS_A + "backingOffUntil");
        Duration wait = Duration.between(Instant.now(), instant(until));
        assertTrue(wait.compareTo(Duration.ofMinutes(59)) > 0 && wait.compareTo(Duration.ofMinutes(61)) < 0, "1 h: " + wait);

        poll().body("outcome", equalTo("backing-off"));
        assertEquals(1, ScriptedSource.FETCHES.get());
    }

    @Test
    void rateLimitsHonourRetryAfterAndTheExhaustedBudget() {
        ScriptedSource.enabled = true;
        ScriptedSource.feeds = List.of(ScriptedSource.feed(A, "tag"));
        ScriptedSource.script = (feed, cursor, token) -> Uni.createFrom()
                .failure(new SourceException.RateLimited("HTTP 429", Duration.ofSeconds(300)));
        poll().body("outcome", equalTo("failed")).body("backingOffUntil", notNullValue());
        String until = sources().body(STATUS_A + "backoffReason", equalTo("rate-limited"))
                .body(STATUS_A + "consecutiveFailures", equalTo(0)).extract().path(STATUS_A + "backingOffUntil");
        Duration wait = Duration.between(Instant.now(), instant(until));
        assertTrue(wait.compareTo(Duration.ofSeconds(290)) > 0 && wait.compareTo(Duration.ofSeconds(301)) <= 0, "" + wait);

        redis.key().del("earshot:backoff:scripted:a.example");
        Instant reset = Instant.now().plusSeconds(90).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        ScriptedSource.script = (feed, cursor, token) -> Uni.createFrom().item(new FetchedPage(
                List.of(mention(A, "1", "quarkus budget")), List.of(), "more", "c1",
                new FetchedPage.RateLimit(300L, 0L, reset)));
        poll().body("outcome", equalTo("ok")).body("published", equalTo(1));
        assertEquals(2, ScriptedSource.FETCHES.get(), "the budget is spent: no second page");
        assertEquals("c1", redis.value(String.class).get(SourceStateStore.cursorKey("scripted:a.example:tag")));
        sources().body(STATUS_A + "backingOffUntil", equalTo(reset.toString()))
                .body(STATUS_A + "backoffReason", equalTo("rate-limit"));
        poll().body("outcome", equalTo("backing-off"));
    }

    @Test
    void errorsBackOffExponentiallyThenOpenTheCircuitUntilATrialSucceeds() {
        ScriptedSource.enabled = true;
        ScriptedSource.feeds = List.of(ScriptedSource.feed(A, "tag"));
        ScriptedSource.script = (feed, cursor, token) -> Uni.createFrom()
                .failure(new SourceException.Upstream("HTTP 503", 503, null));
        long[] expectedSeconds = { 30, 60, 120, 240 };
        for (long expected : expectedSeconds) {
            poll().body("outcome", equalTo("failed"));
            String until = sources().body(STATUS_A + "circuit", equalTo("closed")).extract().path(STATUS_A + "backingOffUntil");
            long wait = Duration.between(Instant.now(), instant(until)).toSeconds();
            assertTrue(wait > expected - 5 && wait <= expected, "expected ~" + expected + "s, was " + wait);
            redis.key().del("earshot:backoff:scripted:a.example"); // as if the wait were over
        }
        poll().body("outcome", equalTo("failed"));
        String until = sources().body(STATUS_A + "circuit", equalTo("open")).body(STATUS_A + "consecutiveFailures", equalTo(5))
                .extract().path(STATUS_A + "backingOffUntil");
        assertTrue(Duration.between(Instant.now(), instant(until)).toMinutes() >= 14, "open for 15 minutes");
        given().get("/q/metrics").then().body(containsString(
                "earshot_listener_poll_failures_total{instance=\"a.example\",reason=\"http-error\",source=\"scripted\"} 5.0"));

        redis.key().del("earshot:backoff:scripted:a.example");
        sources().body(STATUS_A + "circuit", equalTo("half-open"));
        ScriptedSource.script = (feed, cursor, token) -> Uni.createFrom().item(page(List.of(), null, null));
        poll().body("outcome", equalTo("ok"));
        sources().body(STATUS_A + "circuit", equalTo("closed")).body(STATUS_A + "consecutiveFailures", equalTo(0));
    }

    @Test
    void aFailingInstanceDoesNotStopAnotherAndPagesAreCapped() {
        ScriptedSource.enabled = true;
        ScriptedSource.feeds = List.of(ScriptedSource.feed(A, "tag"), ScriptedSource.feed(B, "tag"));
        ScriptedSource.script = (feed, cursor, token) -> {
            if (feed.instance().equals(A)) {
                return Uni.createFrom().failure(new SourceException.InvalidPage("not JSON", null));
            }
            int n = token == null ? 0 : Integer.parseInt(token);
            return Uni.createFrom().item(new FetchedPage(List.of(mention(B, "p" + n, "quarkus page " + n)),
                    List.of(new FetchedPage.RejectedPost("missing id", "{\"page\":" + n + "}")), String.valueOf(n + 1),
                    "after-" + n, null));
        };

        // max-pages-per-poll is 5 in tests; the endless feed stops there and keeps the 5th page's cursor
        poll().body("outcome", equalTo("partial")).body("published", equalTo(5)).body("rejected", equalTo(5))
                .body("fetched", equalTo(10)).body("error", containsString("invalid-page"));
        assertEquals("after-4", redis.value(String.class).get(SourceStateStore.cursorKey("scripted:b.example:tag")));
        assertNull(redis.value(String.class).get(SourceStateStore.cursorKey("scripted:a.example:tag")));
        assertEquals(5L, redis.stream(String.class).xlen(DeadLetterStore.STREAM));
        sources().body(STATUS_B + "lastSuccessAt", notNullValue()).body(STATUS_B + "publishedLastPoll", equalTo(5))
                .body(STATUS_B + "backingOffUntil", org.hamcrest.Matchers.nullValue())
                .body(STATUS_A + "backoffReason", equalTo("invalid-page"));
    }

    @Test
    void aSlowInstanceDoesNotStallAnotherAndASecondPollIsRefused() throws Exception {
        ScriptedSource.enabled = true;
        ScriptedSource.feeds = List.of(ScriptedSource.feed(A, "tag"), ScriptedSource.feed(B, "tag"));
        ScriptedSource.script = (feed, cursor, token) -> {
            Uni<FetchedPage> answer = Uni.createFrom().item(page(List.of(mention(feed.instance(), "s1",
                    "quarkus from " + feed.instance())), null, "done"));
            return feed.instance().equals(A) ? answer.onItem().delayIt().by(Duration.ofSeconds(4)) : answer;
        };
        CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> poll().extract().path("outcome"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(3)).untilAsserted(
                () -> sources().body(STATUS_B + "lastSuccessAt", notNullValue()));
        given().auth().oauth2(DevJwt.token("admin")).post("/api/v1/sources/scripted/poll").then().statusCode(409)
                .body("type", equalTo("https://earshot.dev/problems/poll-in-progress"));
        assertEquals("ok", running.get());
        sources().body(STATUS_A + "lastSuccessAt", notNullValue());
    }

    @Test
    void unknownAndDisabledSources() {
        given().auth().oauth2(DevJwt.token("lead")).post("/api/v1/sources/nosuch/poll").then().statusCode(404)
                .body("detail", equalTo("no polling source named nosuch"));
        poll().body("outcome", equalTo("disabled"));
        sources().body("items.find { it.source == 'scripted' }.enabled", equalTo(false));
        assertEquals(0, ScriptedSource.FETCHES.get());
    }
}
