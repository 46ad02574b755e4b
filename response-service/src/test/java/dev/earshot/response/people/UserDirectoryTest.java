package dev.earshot.response.people;

import static dev.earshot.response.task.TestData.conversation;
import static dev.earshot.response.task.TestData.mentionId;
import static dev.earshot.response.task.TestData.scored;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
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
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class UserDirectoryTest {

    @Inject
    TaskIngestion ingestion;

    @Inject
    ObjectMapper mapper;

    @Inject
    AgroalDataSource dataSource;

    /** The other tests run with an empty directory (the old rules). */
    @AfterEach
    void emptyTheDirectory() {
        TestData.sql(dataSource, "DELETE FROM app_user");
    }

    static RequestSpecification as(String subject, String role) {
        return given().auth().oauth2(DevJwt.token(subject, role, DevJwt.ISSUER, Duration.ofHours(1)));
    }

    static RequestSpecification admin() {
        return as("root@acme.example", "admin");
    }

    static String person(String name, String email, String role, String teams, String slack) {
        return "{\"displayName\":\"" + name + "\",\"email\":\"" + email + "\",\"role\":\"" + role
                + "\",\"teams\":" + teams + (slack == null ? "" : ",\"slackUserId\":\"" + slack + "\"") + "}";
    }

    static void put(String id, String body, int status) {
        admin().contentType(ContentType.JSON).body(body).put("/api/v1/users/{id}", id).then().statusCode(status);
    }

    long task() {
        String conversationId = conversation();
        Ingest.record(ingestion, mapper, scored(mentionId(), conversationId, 0.6, -0.6, null));
        return TestData.taskId(dataSource, conversationId);
    }

    @Test
    void adminsKeepTheDirectory() {
        admin().contentType(ContentType.JSON)
                .body(person("Ann Example", "ann@acme.example", "agent", "[\"support\",\"sales\"]", "UANN0001"))
                .put("/api/v1/users/{id}", "ann@acme.example").then().statusCode(201)
                .body("id", equalTo("ann@acme.example")).body("teams", hasSize(2))
                .body("slackUserId", equalTo("UANN0001"));
        admin().contentType(ContentType.JSON)
                .body(person("Ann E.", "ann@acme.example", "lead", "[\"support\"]", null))
                .put("/api/v1/users/{id}", "ann@acme.example").then().statusCode(200)
                .body("displayName", equalTo("Ann E.")).body("role", equalTo("lead")).body("slackUserId", nullValue());
        put("bob@acme.example", person("Bob", "bob@acme.example", "agent", "[]", null), 201);

        admin().get("/api/v1/users/{id}", "ann@acme.example").then().statusCode(200)
                .body("email", equalTo("ann@acme.example"));
        String next = admin().queryParam("limit", 1).get("/api/v1/users").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo("ann@acme.example"))
                .extract().path("nextCursor");
        admin().queryParam("limit", 1).queryParam("cursor", next).get("/api/v1/users").then().statusCode(200)
                .body("items[0].id", equalTo("bob@acme.example")).body("nextCursor", nullValue());
        admin().queryParam("limit", 0).get("/api/v1/users").then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        admin().queryParam("limit", 201).get("/api/v1/users").then().statusCode(400);

        // Bean Validation, teams, unique email
        put("x@acme.example", person("X", "not-an-email", "agent", "[]", null), 400);
        put("x@acme.example", person("X", "x@acme.example", "boss", "[]", null), 400);
        put("x@acme.example", person("", "x@acme.example", "agent", "[]", null), 400);
        admin().contentType(ContentType.JSON).body(person("X", "x@acme.example", "agent", "[\"nowhere\"]", null))
                .put("/api/v1/users/{id}", "x@acme.example").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("nowhere is not a team"));
        admin().contentType(ContentType.JSON).body(person("X", "ANN@acme.example", "agent", "[]", null))
                .put("/api/v1/users/{id}", "x@acme.example").then().statusCode(409).contentType(Problem.MEDIA_TYPE);

        as("ann@acme.example", "lead").get("/api/v1/users").then().statusCode(403);
        admin().delete("/api/v1/users/{id}", "bob@acme.example").then().statusCode(204);
        admin().get("/api/v1/users/{id}", "bob@acme.example").then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        admin().delete("/api/v1/users/{id}", "bob@acme.example").then().statusCode(404);
    }

    @Test
    void theLastAdminCanBeNeitherDemotedNorRemoved() {
        put("root@acme.example", person("Root", "root@acme.example", "admin", "[]", null), 201);
        admin().contentType(ContentType.JSON).body(person("Root", "root@acme.example", "lead", "[]", null))
                .put("/api/v1/users/{id}", "root@acme.example").then().statusCode(409).contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("root@acme.example is the last admin"));
        admin().delete("/api/v1/users/{id}", "root@acme.example").then().statusCode(409)
                .body("detail", containsString("last admin"));
        // with a second admin, either may go, but not both
        put("ada@acme.example", person("Ada", "ada@acme.example", "admin", "[]", null), 201);
        put("root@acme.example", person("Root", "root@acme.example", "lead", "[]", null), 200);
        put("ada@acme.example", person("Ada", "ada@acme.example", "agent", "[]", null), 409);
        admin().delete("/api/v1/users/{id}", "ada@acme.example").then().statusCode(409);
        put("root@acme.example", person("Root", "root@acme.example", "admin", "[]", null), 200);
        admin().delete("/api/v1/users/{id}", "ada@acme.example").then().statusCode(204);
        admin().get("/api/v1/users/{id}", "root@acme.example").then().statusCode(200)
                .body("role", equalTo("admin")).body("passwordSet", equalTo(false));
    }

    @Test
    void assigneesMustBeInTheDirectoryOnceItIsUsed() {
        long id = task();
        // empty directory: the old rule, anyone may be assigned
        as("lena@acme.example", "lead").contentType(ContentType.JSON).body("{\"assignee\":\"ghost@acme.example\"}")
                .post("/api/v1/tasks/{id}/assign", id).then().statusCode(200)
                .body("assignee", equalTo("ghost@acme.example"));

        put("ann@acme.example", person("Ann", "ann@acme.example", "agent", "[\"support\"]", null), 201);
        as("lena@acme.example", "lead").contentType(ContentType.JSON).body("{\"assignee\":\"nobody@acme.example\"}")
                .post("/api/v1/tasks/{id}/assign", id).then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("not in the user directory"));
        as("lena@acme.example", "lead").contentType(ContentType.JSON).body("{\"assignee\":\"ann@acme.example\"}")
                .post("/api/v1/tasks/{id}/assign", id).then().statusCode(200)
                .body("assignee", equalTo("ann@acme.example"));
    }

    @Test
    void agentsClaimFromTheirOwnTeams() {
        TestData.truncate(dataSource);
        long support = task();
        long sales = task();
        as("lena@acme.example", "lead").contentType(ContentType.JSON).body("{\"team\":\"sales\"}")
                .post("/api/v1/tasks/{id}/team", sales).then().statusCode(200);
        put("ann@acme.example", person("Ann", "ann@acme.example", "agent", "[\"sales\"]", null), 201);
        put("ned@acme.example", person("Ned", "ned@acme.example", "agent", "[]", null), 201);

        as("ann@acme.example", "agent").queryParam("team", "support").post("/api/v1/tasks/claim-next")
                .then().statusCode(403).contentType(Problem.MEDIA_TYPE);
        // one 403 wording everywhere: not in the directory, in no team
        as("zed@acme.example", "agent").post("/api/v1/tasks/claim-next").then().statusCode(403)
                .contentType(Problem.MEDIA_TYPE);
        as("ned@acme.example", "agent").post("/api/v1/tasks/claim-next").then().statusCode(403);
        // the support task comes first in queue order, but ann works in sales
        as("ann@acme.example", "agent").post("/api/v1/tasks/claim-next").then().statusCode(200)
                .body("id", equalTo((int) sales)).body("assignee", equalTo("ann@acme.example"));
        as("ann@acme.example", "agent").post("/api/v1/tasks/claim-next").then().statusCode(204);
        // a lead claims from any team
        as("lena@acme.example", "lead").queryParam("team", "support").post("/api/v1/tasks/claim-next").then()
                .statusCode(200).body("id", equalTo((int) support));

        // an empty directory: the old rule again
        TestData.sql(dataSource, "DELETE FROM app_user");
        long another = task();
        as("zed@acme.example", "agent").queryParam("team", "support").post("/api/v1/tasks/claim-next").then()
                .statusCode(200).body("id", equalTo((int) another));
    }
}
