package dev.earshot.response.reply;

import static dev.earshot.response.task.TestData.conversation;
import static dev.earshot.response.task.TestData.mentionId;
import static dev.earshot.response.task.TestData.scored;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.response.task.Ingest;
import dev.earshot.response.task.TaskIngestion;
import dev.earshot.response.task.TestData;
import dev.earshot.testing.DevJwt;
import dev.earshot.web.Problem;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
class SavedReplyResourceTest {

    @Inject
    TaskIngestion service;

    @Inject
    ObjectMapper mapper;

    @Inject
    AgroalDataSource dataSource;

    private static String body(String team, String name, String text) {
        return "{\"team\":\"" + team + "\",\"name\":\"" + name + "\",\"body\":\"" + text + "\"}";
    }

    @Test
    void unknownPlaceholdersAreRefusedAndAuthorIsWhoeverIsAnswered() {
        for (String unknown : java.util.List.of("{first_name}", "{Author}", "{author.name}", "{agent_email}")) {
            given().auth().oauth2(DevJwt.token("lead")).contentType(ContentType.JSON)
                    .body(body("support", "bad-" + UUID.randomUUID(), "Hi " + unknown + "!"))
                    .post("/api/v1/saved-replies").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                    .body("detail", containsString("unknown placeholder " + unknown));
        }
        long id = given().auth().oauth2(DevJwt.token("lead")).contentType(ContentType.JSON)
                .body(body("support", "hello-" + UUID.randomUUID(), "Hi {author}, thanks"))
                .post("/api/v1/saved-replies").then().statusCode(201).extract().jsonPath().getLong("id");

        // the thread starter (carol) and a later post needing a reply by dave: the draft answers dave
        String conversationId = conversation();
        Ingest.record(service, mapper, scored(mentionId(), conversationId, 0.6, -0.6, null));
        com.fasterxml.jackson.databind.node.ObjectNode dave = TestData.scoredNode(mentionId(), conversationId, 0.6,
                -0.7, null);
        ((com.fasterxml.jackson.databind.node.ObjectNode) dave.get("mention").get("author")).put("handle", "dave")
                .put("id", "u2");
        // posted after carol (whose post is dated 30 s ago)
        ((com.fasterxml.jackson.databind.node.ObjectNode) dave.get("mention")).put("createdAt",
                java.time.Instant.now().toString());
        Ingest.record(service, mapper, dave);
        long task = TestData.taskId(dataSource, conversationId);
        given().auth().oauth2(DevJwt.token("agent")).contentType(ContentType.JSON).body("{\"savedReplyId\":" + id + "}")
                .post("/api/v1/tasks/{id}/reply-draft", task).then().statusCode(200)
                .body("text", equalTo("Hi dave, thanks"));
        given().auth().oauth2(DevJwt.token("lead")).delete("/api/v1/saved-replies/{id}", id).then().statusCode(204);
    }

    @Test
    void agentIsTheDisplayNameInTheDirectoryElseTheCallersId() {
        long id = given().auth().oauth2(DevJwt.token("lead")).contentType(ContentType.JSON)
                .body(body("support", "signed-" + UUID.randomUUID(), "Thanks, {author}. {agent}"))
                .post("/api/v1/saved-replies").then().statusCode(201).extract().jsonPath().getLong("id");
        String conversationId = conversation();
        Ingest.record(service, mapper, scored(mentionId(), conversationId, 0.6, -0.6, null));
        long task = TestData.taskId(dataSource, conversationId);
        try {
            given().auth().oauth2(DevJwt.token("root@acme.example", "admin", DevJwt.ISSUER, Duration.ofHours(1)))
                    .contentType(ContentType.JSON).body("{\"displayName\":\"Ann Example\",\"email\":\"ann@acme.example\","
                            + "\"role\":\"agent\",\"teams\":[\"support\"]}")
                    .put("/api/v1/users/{id}", "ann@acme.example").then().statusCode(201);
            given().auth().oauth2(DevJwt.token("ann@acme.example", "agent", DevJwt.ISSUER, Duration.ofHours(1)))
                    .contentType(ContentType.JSON).body("{\"savedReplyId\":" + id + "}")
                    .post("/api/v1/tasks/{id}/reply-draft", task).then().statusCode(200)
                    .body("text", equalTo("Thanks, carol. Ann Example"));
            // a lead not in the directory: their id
            given().auth().oauth2(DevJwt.token("lena@acme.example", "lead", DevJwt.ISSUER, Duration.ofHours(1)))
                    .contentType(ContentType.JSON).body("{\"savedReplyId\":" + id + "}")
                    .post("/api/v1/tasks/{id}/reply-draft", task).then().statusCode(200)
                    .body("text", equalTo("Thanks, carol. lena@acme.example"));
        } finally {
            // the other tests run with an empty directory (the old rules)
            TestData.sql(dataSource, "DELETE FROM app_user");
            given().auth().oauth2(DevJwt.token("lead")).delete("/api/v1/saved-replies/{id}", id);
        }
    }

    @Test
    void savedRepliesArePagedInTeamAndNameOrderAndFilteredByTeams() {
        String run = UUID.randomUUID().toString();
        List<Long> created = new ArrayList<>();
        for (String[] reply : new String[][] {{"legal", "b"}, {"legal", "a"}, {"communications", "c"},
                {"product", "d"}}) {
            created.add(given().auth().oauth2(DevJwt.token("lead")).contentType(ContentType.JSON)
                    .body(body(reply[0], reply[1] + "-" + run, "x")).post("/api/v1/saved-replies").then()
                    .statusCode(201).extract().jsonPath().getLong("id"));
        }
        try {
            List<String> all = names(given().auth().oauth2(DevJwt.token("agent")).queryParam("limit", 200)
                    .queryParam("team", "legal,communications").get("/api/v1/saved-replies").then().statusCode(200)
                    .body("nextCursor", equalTo(null)).extract().path("items"), run);
            assertEquals(List.of("communications/c", "legal/a", "legal/b"), all);
            assertEquals(all, names(given().auth().oauth2(DevJwt.token("agent")).queryParam("limit", 200)
                    .queryParam("team", "legal", "communications").get("/api/v1/saved-replies").then()
                    .statusCode(200).extract().path("items"), run));
            List<String> paged = new ArrayList<>();
            String cursor = null;
            do {
                var request = given().auth().oauth2(DevJwt.token("agent")).queryParam("limit", 1)
                        .queryParam("team", "communications", "legal");
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                JsonPath page = request.get("/api/v1/saved-replies").then().statusCode(200).extract().jsonPath();
                assertTrue(page.getList("items").size() <= 1);
                paged.addAll(names(page.getList("items"), run));
                cursor = page.getString("nextCursor");
            } while (cursor != null);
            assertEquals(all, paged);
            // without team: every team, product's too
            assertTrue(names(given().auth().oauth2(DevJwt.token("agent")).queryParam("limit", 200)
                    .get("/api/v1/saved-replies").then().statusCode(200).extract().path("items"), run)
                    .contains("product/d"));

            given().auth().oauth2(DevJwt.token("agent")).queryParam("team", "legal,marketing")
                    .get("/api/v1/saved-replies").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                    .body("detail", equalTo("team marketing is not one of support, product, sales, legal, "
                            + "communications"));
            given().auth().oauth2(DevJwt.token("agent")).queryParam("teams", "legal").get("/api/v1/saved-replies")
                    .then().statusCode(400).body("detail", equalTo("unknown query parameter teams; known are cursor, "
                            + "limit, team"));
            for (String query : List.of("limit=0", "limit=201", "cursor=x", "limit=1&limit=2")) {
                given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/saved-replies?" + query).then()
                        .statusCode(400).contentType(Problem.MEDIA_TYPE);
            }
        } finally {
            created.forEach(id -> given().auth().oauth2(DevJwt.token("lead")).delete("/api/v1/saved-replies/{id}", id));
        }
    }

    /** team/name (without the run suffix) of the saved replies of this run. */
    private static List<String> names(List<Map<String, Object>> items, String run) {
        return items.stream().filter(i -> ((String) i.get("name")).endsWith("-" + run))
                .map(i -> i.get("team") + "/" + ((String) i.get("name")).replace("-" + run, "")).toList();
    }

    @Test
    void leadsManageSavedRepliesAndAgentsFillThemForATask() {
        String name = "apology-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        Response created = given().auth().oauth2(DevJwt.token("lead")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body("support", name, "Hi {author}, sorry! We are on it: {link} ({team}) - {agent}"))
                .post("/api/v1/saved-replies");
        created.then().statusCode(201).body("version", equalTo(1)).body("createdBy", equalTo("tester@earshot.test"));
        long id = created.jsonPath().getLong("id");
        given().auth().oauth2(DevJwt.token("lead")).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body("support", name, "Hi {author}, sorry! We are on it: {link} ({team}) - {agent}"))
                .post("/api/v1/saved-replies").then().statusCode(201).body("id", equalTo((int) id));
        given().auth().oauth2(DevJwt.token("admin")).contentType(ContentType.JSON)
                .body(body("support", name, "again")).post("/api/v1/saved-replies").then().statusCode(409)
                .contentType(Problem.MEDIA_TYPE);
        given().auth().oauth2(DevJwt.token("agent")).contentType(ContentType.JSON)
                .body(body("support", "mine", "x")).post("/api/v1/saved-replies").then().statusCode(403);
        given().auth().oauth2(DevJwt.token("lead")).contentType(ContentType.JSON)
                .body(body("support", "bad", "Hi {customer}")).post("/api/v1/saved-replies").then().statusCode(400)
                .body("detail", containsString("{customer}"));
        given().auth().oauth2(DevJwt.token("lead")).contentType(ContentType.JSON)
                .body(body("marketing", "bad", "x")).post("/api/v1/saved-replies").then().statusCode(400);
        given().auth().oauth2(DevJwt.token("agent")).queryParam("team", "support").get("/api/v1/saved-replies")
                .then().statusCode(200).body("items.find { it.id == " + id + " }.name", equalTo(name));

        String conversationId = conversation();
        Ingest.record(service, mapper, scored(mentionId(), conversationId, 0.6, -0.6, null));
        long task = TestData.taskId(dataSource, conversationId);
        String permalink = TestData.detail(task).getString("permalink");
        given().auth().oauth2(DevJwt.token("ann@acme.example", "agent", DevJwt.ISSUER, java.time.Duration.ofHours(1)))
                .contentType(ContentType.JSON).body("{\"savedReplyId\":" + id + "}")
                .post("/api/v1/tasks/{id}/reply-draft", task).then().statusCode(200)
                .body("text", equalTo("Hi carol, sorry! We are on it: " + permalink + " (support) - ann@acme.example"));
        given().auth().oauth2(DevJwt.token("agent")).contentType(ContentType.JSON).body("{\"savedReplyId\":987654321}")
                .post("/api/v1/tasks/{id}/reply-draft", task).then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        given().auth().oauth2(DevJwt.token("agent")).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/tasks/{id}/reply-draft", task).then().statusCode(400);

        String etag = given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/saved-replies/{id}", id).then()
                .statusCode(200).extract().header("ETag");
        assertEquals("\"1\"", etag);
        given().auth().oauth2(DevJwt.token("lead")).header("If-Match", etag).contentType(ContentType.JSON)
                .body(body("support", name, "Hello {author}")).put("/api/v1/saved-replies/{id}", id).then()
                .statusCode(200).body("version", equalTo(2)).header("ETag", "\"2\"");
        given().auth().oauth2(DevJwt.token("lead")).header("If-Match", etag).contentType(ContentType.JSON)
                .body(body("support", name, "stale")).put("/api/v1/saved-replies/{id}", id).then().statusCode(412);
        given().auth().oauth2(DevJwt.token("lead")).header("If-Match", etag).delete("/api/v1/saved-replies/{id}", id)
                .then().statusCode(412);
        given().auth().oauth2(DevJwt.token("lead")).delete("/api/v1/saved-replies/{id}", id).then().statusCode(204);
        given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/saved-replies/{id}", id).then().statusCode(404);
        given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/saved-replies/x1").then().statusCode(400);
    }
}
