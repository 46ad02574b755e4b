package dev.earshot.response.task;

import static io.restassured.RestAssured.when;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.earshot.testing.ServerOutages;
import dev.earshot.testing.TestBroker;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * PostgreSQL goes away (a proxy between the service and the real server is cut) while scored mentions arrive:
 * they wait, readiness says why, nothing is dead-lettered, and every one is stored once it is back.
 */
@QuarkusTest
@WithTestResource(value = ServerOutages.class, initArgs = @ResourceArg(name = "servers", value = "postgresql"))
class DatabaseOutageTest {

    private static TestBroker broker;

    @BeforeAll
    static void connect() {
        broker = new TestBroker(TestData.VHOST);
    }

    @AfterAll
    static void disconnect() {
        broker.close();
    }

    @AfterEach
    void endOutage() {
        ServerOutages.restore("postgresql");
    }

    @Test
    void scoredMentionsArrivingWhileTheDatabaseIsDownWaitAndAreAllStoredAfter() {
        broker.purge(ScoredMentionConsumer.DEAD_LETTER_QUEUE);
        ServerOutages.cut("postgresql");
        List<String> conversations = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String conversation = TestData.conversation();
            conversations.add(conversation);
            broker.publish(ScoredMentionConsumer.EXCHANGE, "test", TestData.scored(TestData.mentionId(), conversation,
                    0.6, -0.7, null));
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> when().get("/q/health/ready").then()
                .statusCode(503)
                .body("checks.find { it.name == 'outages' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'outages' }.data.'storing scored mentions'", containsString("onnect")));
        // far longer than the four quick tries after which these mentions used to be dead-lettered
        await().pollDelay(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(13)).until(() -> true);
        assertEquals(0, broker.messageCount(ScoredMentionConsumer.DEAD_LETTER_QUEUE), "an outage is a wait");

        ServerOutages.restore("postgresql");
        for (String conversation : conversations) {
            await().atMost(Duration.ofSeconds(60)).until(() -> TestData.taskOf(conversation) != null);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> when().get("/q/health/ready").then().statusCode(200));
        assertEquals(0, broker.messageCount(ScoredMentionConsumer.DEAD_LETTER_QUEUE));
    }
}
