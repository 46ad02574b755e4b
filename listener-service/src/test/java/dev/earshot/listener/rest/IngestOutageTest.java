package dev.earshot.listener.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.earshot.listener.messaging.MentionPublisher;
import dev.earshot.listener.support.AlgoliaWireMock;
import dev.earshot.listener.support.ListenerTestSupport;
import dev.earshot.testing.DevJwt;
import dev.earshot.testing.ServerOutages;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Pushes while a consumer queue is missing, while RabbitMQ is down and while Redis is down (played by proxies
 * between the listener and the real servers): every push is answered within seconds, 503 with Retry-After and
 * each post's outcome, nothing is reported published that is not in a queue, and the same push succeeds after.
 */
@QuarkusTest
@WithTestResource(AlgoliaWireMock.class)
@WithTestResource(value = ServerOutages.class, initArgs = @ResourceArg(name = "servers", value = "redis,rabbitmq"))
class IngestOutageTest extends ListenerTestSupport {

    @AfterEach
    void endOutages() {
        ServerOutages.restore("redis");
        ServerOutages.restore("rabbitmq");
        broker.tap(MentionPublisher.EXCHANGE, TAP_QUEUE);
    }

    private static String posts(String marker) {
        String now = Instant.now().minusSeconds(10).toString();
        return """
                {"posts": [
                 {"source": "forum", "instance": "forum.example.com", "nativeId": "%s-1", "author": {"handle": "dana"},
                  "text": "Quarkus upgrade broke our build %s", "createdAt": "%s"},
                 {"source": "forum", "instance": "forum.example.com", "nativeId": "%s-2", "author": {"handle": "eve"},
                  "text": "nothing to see here %s", "createdAt": "%s"},
                 {"source": "forum", "instance": "forum.example.com", "nativeId": "%s-3", "author": {"handle": "finn"},
                  "text": "Is quarkus native build slow for anyone else %s", "createdAt": "%s"}]}
                """.formatted(marker, marker, now, marker, marker, now, marker, marker, now);
    }

    private static Response push(String body) {
        return given().auth().oauth2(DevJwt.token("ingest")).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/ingest");
    }

    @Test
    void withNoQueueForTheMentionsThePushIs503AndTheSamePushSucceedsOnceAQueueIsBound() {
        broker.unbind(MentionPublisher.EXCHANGE, TAP_QUEUE, "#");
        String marker = UUID.randomUUID().toString();

        push(posts(marker)).then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("status", equalTo(503))
                .body("received", equalTo(3)).body("failed", equalTo(2)).body("unmatched", equalTo(1))
                .body("items[0].status", equalTo("failed"))
                .body("items[0].reason", containsString("NO_ROUTE"))
                .body("items[1].status", equalTo("unmatched"))
                .body("items[2].status", equalTo("failed"));
        assertEquals(0, broker.messageCount(TAP_QUEUE));

        broker.tap(MentionPublisher.EXCHANGE, TAP_QUEUE);
        push(posts(marker)).then().statusCode(200).body("published", equalTo(2)).body("duplicates", equalTo(0));
        assertEquals(2, broker.messageCount(TAP_QUEUE), "the claims of the failed posts were released");
    }

    @Test
    void whileRabbitMqIsDownAPushIsAnswered503WithinSecondsAndGoesThroughAfter() {
        push(posts(UUID.randomUUID().toString())).then().statusCode(200); // a running service, connected
        broker.purge(TAP_QUEUE);
        String marker = UUID.randomUUID().toString();
        ServerOutages.cut("rabbitmq");

        Instant start = Instant.now();
        push(posts(marker)).then().statusCode(503).header("Retry-After", "5")
                .body("failed", equalTo(2)).body("items.findAll { it.status == 'failed' }.reason",
                        everyItem(containsString("broker unreachable")));
        assertTrue(Duration.between(start, Instant.now()).toSeconds() < 9, "answered within the ingest timeout");

        ServerOutages.restore("rabbitmq");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> push(posts(marker)).then().statusCode(200)
                .body("published", equalTo(2)));
        assertEquals(2, broker.messageCount(TAP_QUEUE));
    }

    @Test
    void whileRedisIsDownAPushIsAnswered503WithinSecondsAndNothingAcceptedIsLost() {
        push(posts(UUID.randomUUID().toString())).then().statusCode(200);
        broker.purge(TAP_QUEUE);
        String marker = UUID.randomUUID().toString();
        ServerOutages.cut("redis");

        Instant start = Instant.now();
        push(posts(marker)).then().statusCode(503).header("Retry-After", "5")
                .contentType("application/problem+json")
                .body("items.findAll { it.status != 'unmatched' }.status", everyItem(equalTo("failed")));
        assertTrue(Duration.between(start, Instant.now()).toSeconds() < 9, "answered within the ingest timeout");
        assertEquals(0, broker.messageCount(TAP_QUEUE));

        ServerOutages.restore("redis");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> push(posts(marker)).then().statusCode(200)
                .body("published", equalTo(2)));
        assertEquals(2, broker.messageCount(TAP_QUEUE));
    }
}
