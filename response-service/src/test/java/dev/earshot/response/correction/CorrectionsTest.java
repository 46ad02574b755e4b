package dev.earshot.response.correction;

import static dev.earshot.response.task.TestData.conversation;
import static dev.earshot.response.task.TestData.mentionId;
import static dev.earshot.response.task.TestData.scored;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.response.task.Ingest;
import dev.earshot.response.task.TaskIngestion;
import dev.earshot.response.task.TestData;
import dev.earshot.testing.DevJwt;
import dev.earshot.web.Problem;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class CorrectionsTest {

    @Inject
    TaskIngestion ingestion;

    @Inject
    ObjectMapper mapper;

    @Inject
    AgroalDataSource dataSource;

    static RequestSpecification as(String subject, String role) {
        return given().auth().oauth2(DevJwt.token(subject, role, DevJwt.ISSUER, Duration.ofHours(1)));
    }

    static Response correct(long id, String etag, String body) {
        RequestSpecification r = as("ann@acme.example", "agent").contentType(ContentType.JSON).body(body);
        if (etag != null) {
            r.header("If-Match", etag);
        }
        return r.post("/api/v1/tasks/{id}/corrections", id);
    }

    static String etag(long id) {
        return given().auth().oauth2(TestData.agentToken()).get("/api/v1/tasks/{id}", id).then().statusCode(200)
                .extract().header("ETag");
    }

    @Test
    void aCorrectionIsAppliedAuditedAndWinsOverLaterPosts() {
        String conversationId = conversation();
        Ingest.record(ingestion, mapper, scored(mentionId(), conversationId, 0.9, -0.9, 200_000L));
        long id = TestData.taskId(dataSource, conversationId);
        assertEquals("P1", TestData.detail(id).getString("tier"));
        long dueBefore = TestData.detail(id).getLong("secondsToBreach");
        String etag = etag(id);

        correct(id, "\"999\"", "{\"tier\":\"P4\"}").then().statusCode(412).contentType(Problem.MEDIA_TYPE);
        correct(id, etag, "{}").then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        correct(id, etag, "{\"tier\":\"P9\"}").then().statusCode(400);
        correct(id, etag, "{\"sentiment\":\"furious\"}").then().statusCode(400);

        Response corrected = correct(id, etag,
                "{\"tier\":\"P4\",\"sentiment\":\"positive\",\"intents\":[\"praise\"]}");
        corrected.then().statusCode(200).body("tier", equalTo("P4")).body("sentimentLabel", equalTo("positive"))
                .body("intents", equalTo(List.of("praise")));
        assertTrue(corrected.jsonPath().getLong("secondsToBreach") > dueBefore, "a lower tier is due later");
        correct(id, etag, "{\"tier\":\"P3\"}").then().statusCode(412);

        List<Map<String, Object>> history = as("ann@acme.example", "agent").get("/api/v1/tasks/{id}/history", id)
                .then().statusCode(200).extract().jsonPath().getList("items");
        Map<String, Object> entry = history.get(history.size() - 1);
        assertEquals("corrected", entry.get("action"));
        assertEquals("ann@acme.example", entry.get("actor"));
        assertTrue(((String) entry.get("detail")).contains("tier P1 -> P4"), entry.toString());
        assertTrue(((String) entry.get("detail")).contains("sentiment negative -> positive"), entry.toString());

        // a later angry post of the conversation: the corrected fields stay
        Ingest.record(ingestion, mapper, scored(mentionId(), conversationId, 0.95, -0.95, 500_000L));
        var detail = TestData.detail(id);
        assertEquals(2, detail.getInt("mentionCount"));
        assertEquals("P4", detail.getString("tier"));
        assertEquals("positive", detail.getString("sentimentLabel"));
        assertEquals(List.of("praise"), detail.getList("intents"));
    }

    @Test
    void needsReplyFalseAndSpamTakeATaskOutOfTheDefaultQueue() {
        String quiet = conversation();
        Ingest.record(ingestion, mapper, scored(mentionId(), quiet, 0.6, -0.6, null));
        long quietId = TestData.taskId(dataSource, quiet);
        assertNotNull(TestData.taskOf(quiet));
        correct(quietId, etag(quietId), "{\"needsReply\":false}").then().statusCode(200)
                .body("needsReply", equalTo(false));
        assertNull(TestData.taskOf(quiet));
        Ingest.record(ingestion, mapper, scored(mentionId(), quiet, 0.6, -0.6, null));
        assertEquals(false, TestData.detail(quietId).getBoolean("needsReply"), "a later post keeps the correction");

        String spam = conversation();
        Ingest.record(ingestion, mapper, scored(mentionId(), spam, 0.6, -0.6, null));
        long spamId = TestData.taskId(dataSource, spam);
        correct(spamId, null, "{\"spam\":true}").then().statusCode(200).body("status", equalTo("dismissed"))
                .body("dismissReason", equalTo("spam"));
        assertNull(TestData.taskOf(spam));
        correct(spamId, null, "{\"spam\":false}").then().statusCode(200).body("status", equalTo("open"))
                .body("dismissReason", nullValue());
    }

    @Test
    void adminsExportLabelledRowsPageByPage() throws Exception {
        TestData.truncate(dataSource);
        String conversationId = conversation();
        Ingest.record(ingestion, mapper, scored(mentionId(), conversationId, 0.6, -0.6, null));
        long id = TestData.taskId(dataSource, conversationId);
        correct(id, null, "{\"sentiment\":\"neutral\",\"intents\":[\"question\"]}").then().statusCode(200);

        as("ann@acme.example", "agent").get("/api/v1/corrections/export").then().statusCode(403);
        as("lena@acme.example", "lead").get("/api/v1/corrections/export").then().statusCode(403);
        for (String query : List.of("limit=0", "limit=201", "cursor=x", "format=csv")) {
            as("root@acme.example", "admin").get("/api/v1/corrections/export?" + query).then()
                    .statusCode(400).contentType(Problem.MEDIA_TYPE);
        }

        Response first = as("root@acme.example", "admin").queryParam("limit", 1).get("/api/v1/corrections/export");
        first.then().statusCode(200).contentType(containsString("application/x-ndjson"))
                .header("Link", containsString("rel=\"next\""));
        String[] lines = first.asString().split("\n");
        assertEquals(1, lines.length);
        JsonNode row = mapper.readTree(lines[0]);
        assertEquals("sentiment", row.get("field").asText());
        assertEquals("test", row.get("platform").asText());
        assertEquals("en", row.get("language").asText());
        assertEquals("Acme is down again", row.get("text").asText());
        assertEquals("negative", row.get("postLabel").asText());
        assertEquals("negative", row.get("modelLabel").asText());
        assertEquals("neutral", row.get("correctedLabel").asText());
        assertEquals("ann@acme.example", row.get("correctedBy").asText());
        assertNotNull(row.get("correctedAt").asText());

        String link = first.header("Link");
        String cursor = link.substring(link.indexOf("cursor=") + 7, link.indexOf('&'));
        Response second = as("root@acme.example", "admin").queryParam("limit", 1).queryParam("cursor", cursor)
                .get("/api/v1/corrections/export");
        second.then().statusCode(200);
        JsonNode intents = mapper.readTree(second.asString().trim());
        assertEquals("intents", intents.get("field").asText());
        assertEquals("question", intents.get("correctedLabel").asText());
        assertNull(second.header("Link"));
    }
}
