package dev.earshot.response.task;

import static dev.earshot.response.task.TestData.agentToken;
import static dev.earshot.response.task.TestData.allTasks;
import static dev.earshot.response.task.TestData.conversation;
import static dev.earshot.response.task.TestData.mentionId;
import static dev.earshot.response.task.TestData.scored;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.earshot.testing.DevJwt;
import dev.earshot.testing.TestBroker;
import dev.earshot.web.Problem;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class TaskResourceTest {

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void emptyQueue() {
        TestData.truncate(dataSource);
    }

    /**
     * Publishes mentions of distinct conversations and waits until all are tasks; returns their
     * conversation ids. (Other modules' tests may publish to the same exchange of the test vhost, so
     * assertions look at these conversations, not at the size of the whole queue.)
     */
    private Set<String> seed(double[][] urgencyAndSentiment) {
        Set<String> conversations = new HashSet<>();
        try (TestBroker broker = new TestBroker(TestData.VHOST)) {
            for (double[] u : urgencyAndSentiment) {
                String conversationId = conversation();
                conversations.add(conversationId);
                broker.publish(ScoredMentionConsumer.EXCHANGE, "test", scored(mentionId(), conversationId, u[0], u[1], null));
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ours(allTasks(200), conversations).size() == conversations.size());
        return conversations;
    }

    private static List<Map<String, Object>> ours(List<Map<String, Object>> tasks, Set<String> conversations) {
        return tasks.stream().filter(t -> conversations.contains(t.get("conversationId"))).toList();
    }

    /** Time to SLA breach in 5-minute buckets first, then priority, then id. */
    private static final Comparator<Map<String, Object>> QUEUE_ORDER = Comparator
            .<Map<String, Object>, Instant>comparing(t -> TaskRepository.slaBucket(Instant.parse((String) t.get("slaDueAt"))))
            .thenComparingDouble(t -> -((Number) t.get("priorityScore")).doubleValue())
            .thenComparingLong(t -> ((Number) t.get("id")).longValue());

    @Test
    void listsHighestPriorityFirstAndPagesWithoutDuplicatesOrSkips() {
        Set<String> mine = seed(new double[][] {{0.1, 0.0}, {0.9, -0.9}, {0.5, -0.5}, {0.5, -0.5}, {0.3, 0.2},
                {0.7, -0.8}, {0.5, -0.5}});

        List<Map<String, Object>> single = allTasks(200);
        List<Map<String, Object>> sorted = new ArrayList<>(single);
        sorted.sort(QUEUE_ORDER);
        assertEquals(ids(sorted), ids(single));
        List<Map<String, Object>> mineInOrder = ours(single, mine);
        assertEquals(7, mineInOrder.size());
        assertEquals(67.5f, ((Number) mineInOrder.get(0).get("priorityScore")).floatValue());
        assertEquals("P1", mineInOrder.get(0).get("tier"));
        // the two P4 tasks (72 h SLA) come last, whatever their scores: time to breach orders first
        assertEquals(Set.of(5.5f, 16.5f), Set.of(((Number) mineInOrder.get(5).get("priorityScore")).floatValue(),
                ((Number) mineInOrder.get(6).get("priorityScore")).floatValue()));
        assertEquals("P4", mineInOrder.get(5).get("tier"));
        assertEquals("P4", mineInOrder.get(6).get("tier"));

        List<Map<String, Object>> paged = allTasks(3);
        assertEquals(paged.size(), new HashSet<>(ids(paged)).size(), "no task twice");
        assertEquals(ids(mineInOrder), ids(ours(paged, mine)), "same order, none skipped");
        List<Map<String, Object>> pagedSorted = new ArrayList<>(paged);
        pagedSorted.sort(QUEUE_ORDER);
        assertEquals(ids(pagedSorted), ids(paged));

        JsonPath first = given().auth().oauth2(agentToken()).queryParam("limit", 3).get("/api/v1/tasks")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(3, first.getList("items").size());
        JsonPath second = given().auth().oauth2(agentToken()).queryParam("limit", 3)
                .queryParam("cursor", first.getString("nextCursor")).get("/api/v1/tasks")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(3, second.getList("items").size());
        List<Object> firstIds = first.getList("items.id");
        assertTrue(second.getList("items.id").stream().noneMatch(firstIds::contains));
        JsonPath all = given().auth().oauth2(agentToken()).queryParam("limit", 200).get("/api/v1/tasks")
                .then().statusCode(200).extract().jsonPath();
        assertNull(all.getString("nextCursor"));
    }

    @Test
    void filtersByStatus() {
        Set<String> mine = seed(new double[][] {{0.2, 0.0}, {0.6, -0.6}});
        List<Map<String, Object>> open = given().auth().oauth2(agentToken()).queryParam("status", "open")
                .get("/api/v1/tasks").then().statusCode(200).extract().jsonPath().getList("items");
        assertEquals(2, ours(open, mine).size());
        assertTrue(open.stream().allMatch(t -> "open".equals(t.get("status"))));
        given().auth().oauth2(agentToken()).queryParam("status", "resolved").get("/api/v1/tasks")
                .then().statusCode(200).body("items.size()", equalTo(0)).body("nextCursor", equalTo(null));
    }

    @Test
    void unknownIdIs404Problem() {
        given().auth().oauth2(agentToken()).get("/api/v1/tasks/987654321")
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(404)).body("title", equalTo("Not found"))
                .body("type", startsWith("https://")).body("detail", containsString("987654321"))
                .body("instance", equalTo("/api/v1/tasks/987654321"));
    }

    @Test
    void badParametersAre400Problems() {
        given().auth().oauth2(agentToken()).get("/api/v1/tasks/abc").then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("status", equalTo(400))
                .body("detail", containsString("task id")).body("instance", equalTo("/api/v1/tasks/abc"));
        for (String limit : List.of("0", "201", "-1", "ten")) {
            given().auth().oauth2(agentToken()).queryParam("limit", limit).get("/api/v1/tasks").then()
                    .statusCode(400).contentType(Problem.MEDIA_TYPE).body("detail", containsString("limit"));
        }
        List<String> extreme = java.util.stream.Stream.of("+999999999-01-01T00:00:00Z", "-5000-01-01T00:00:00Z",
                "-1000000000-01-01T00:00:00Z", "1969-12-31T23:59:59Z")
                .map(at -> java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                        ("v2|" + at + "|50.0|1").getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .toList();
        for (String cursor : extreme) {
            given().auth().oauth2(agentToken()).queryParam("cursor", cursor).get("/api/v1/tasks").then()
                    .statusCode(400).contentType(Problem.MEDIA_TYPE).body("detail", containsString("cursor"));
        }
        for (String cursor : List.of("garbage!", "djF8eHx5fHo", "")) {
            if (cursor.isEmpty()) {
                continue;
            }
            given().auth().oauth2(agentToken()).queryParam("cursor", cursor).get("/api/v1/tasks").then()
                    .statusCode(400).contentType(Problem.MEDIA_TYPE).body("detail", containsString("cursor"));
        }
        given().auth().oauth2(agentToken()).queryParam("status", "nope").get("/api/v1/tasks").then()
                .statusCode(400).contentType(Problem.MEDIA_TYPE).body("detail", containsString("status"));
        given().auth().oauth2(agentToken()).queryParam("limit", 200).get("/api/v1/tasks").then().statusCode(200);
    }

    @Test
    void needsAValidTokenWithARole() {
        given().get("/api/v1/tasks").then().statusCode(401).contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", startsWith("Bearer")).body("status", equalTo(401));
        given().auth().oauth2(DevJwt.tokenSignedByStranger("admin")).get("/api/v1/tasks").then().statusCode(401);
        given().auth().oauth2(DevJwt.token("tester@earshot.test", "agent", "https://someone.else", Duration.ofHours(1)))
                .get("/api/v1/tasks/1").then().statusCode(401);
        given().auth().oauth2(DevJwt.token("guest")).get("/api/v1/tasks").then().statusCode(403)
                .contentType(Problem.MEDIA_TYPE).body("status", equalTo(403));
        for (String role : List.of("agent", "lead", "admin")) {
            given().auth().oauth2(DevJwt.token(role)).get("/api/v1/tasks").then().statusCode(200);
        }
    }

    @Test
    void platformEndpointsAreOpen() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("PostgreSQL")))
                .body("checks.name", hasItem(containsString("Messaging")));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/tasks'.get.summary", notNullValue())
                .body("paths.'/api/v1/tasks/{id}'.get.responses.'404'", notNullValue())
                .body("paths.'/api/v1/tasks/{id}/claim'.post.responses.'401'.content.'application/problem+json'",
                        notNullValue())
                .body("paths.'/api/v1/kpis'.get.responses.'403'.description",
                        equalTo("The token's roles do not allow this"))
                .body("paths.'/api/v1/webhooks'.get.responses.'403'.description",
                        equalTo("Only admins manage webhooks"))
                // one envelope and one limit for every listing; list parameters are arrays
                .body("paths.'/api/v1/webhooks'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/PageWebhookView"))
                .body("components.schemas.PageWebhookView.properties.keySet()", hasItems("items", "nextCursor"))
                .body("paths.'/api/v1/tasks'.get.parameters.find { it.name == 'tier' }.schema.type", equalTo("array"))
                .body("paths.'/api/v1/saved-replies'.get.parameters.find { it.name == 'limit' }.schema.maximum",
                        equalTo(200));
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
    }

    private static List<Object> ids(List<Map<String, Object>> tasks) {
        return tasks.stream().map(t -> t.get("id")).toList();
    }
}
