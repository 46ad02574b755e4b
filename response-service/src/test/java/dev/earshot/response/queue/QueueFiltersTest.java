package dev.earshot.response.queue;

import static dev.earshot.response.task.TestData.conversation;
import static dev.earshot.response.task.TestData.mentionId;
import static dev.earshot.response.task.TestData.scored;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
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
import io.restassured.specification.RequestSpecification;

/**
 * The queue listing's query parameters: every list parameter takes several values, repeated or comma-separated,
 * the same, and matches any of them; an unknown parameter or value is a 400 naming the known ones.
 */
@QuarkusTest
class QueueFiltersTest {

    @Inject
    TaskIngestion ingestion;

    @Inject
    ObjectMapper mapper;

    @Inject
    AgroalDataSource dataSource;

    /** Four tasks on sources of their own (so no other test's task is listed), each set up by hand. */
    private final List<String> sources = new ArrayList<>();
    private final List<Long> ids = new ArrayList<>();

    private void tasks() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // source, tier, sentiment, team, intents, assignee (claimed when set)
        String[][] rows = {
                {"qf-a-" + run, "P1", "negative", "support", "{outage}", null},
                {"qf-b-" + run, "P2", "neutral", "legal", "{question}", "ann@acme.example"},
                {"qf-c-" + run, "P3", "positive", "sales", "{praise,question}", "bob@acme.example"},
                {"qf-d-" + run, "P4", "negative", "support", "{churn-risk}", "tester@earshot.test"}};
        for (String[] row : rows) {
            String conversationId = conversation();
            Ingest.record(ingestion, mapper, scored(mentionId(), conversationId, 0.6, -0.6, null));
            long id = TestData.taskId(dataSource, conversationId);
            TestData.sql(dataSource, """
                    UPDATE task SET source = '%s', tier = '%s', sentiment_label = '%s', team = '%s', intents = '%s',
                                    assignee = %s, status = '%s' WHERE id = %d
                    """.formatted(row[0], row[1], row[2], row[3], row[4], row[5] == null ? "NULL" : "'" + row[5] + "'",
                    row[5] == null ? "open" : "claimed", id));
            sources.add(row[0]);
            ids.add(id);
        }
    }

    private static RequestSpecification agent() {
        return given().auth().oauth2(DevJwt.token("agent"));
    }

    /** The ids of this test's tasks listed for {@code query} (name, value, name, value...). */
    private TreeSet<Long> listed(String... query) {
        RequestSpecification request = agent().queryParam("limit", 200).queryParam("source", String.join(",", sources));
        for (int i = 0; i < query.length; i += 2) {
            request.queryParam(query[i], query[i + 1]);
        }
        List<Number> found = request.get("/api/v1/tasks").then().statusCode(200).extract().path("items.id");
        TreeSet<Long> set = new TreeSet<>();
        found.forEach(n -> set.add(n.longValue()));
        return set;
    }

    private TreeSet<Long> tasks(int... which) {
        TreeSet<Long> set = new TreeSet<>();
        for (int i : which) {
            set.add(ids.get(i));
        }
        return set;
    }

    @Test
    void everyListParameterTakesSeveralValuesRepeatedOrCommaSeparated() {
        tasks();
        assertEquals(tasks(0, 1, 2, 3), listed());
        assertEquals(tasks(0, 1), listed("tier", "P1,P2"));
        assertEquals(tasks(0, 1), listed("tier", "P1", "tier", "P2"));
        assertEquals(tasks(0, 2, 3), listed("sentiment", "negative,positive"));
        assertEquals(tasks(0, 2, 3), listed("sentiment", "negative", "sentiment", "positive"));
        assertEquals(tasks(0, 1, 3), listed("team", "support,legal"));
        assertEquals(tasks(0, 1, 3), listed("team", "support", "team", "legal"));
        assertEquals(tasks(0, 1, 2), listed("intent", "question,outage"));
        assertEquals(tasks(1, 2), listed("intent", "question"));
        assertEquals(tasks(0, 3), listed("assignee", "me,none"));
        assertEquals(tasks(0, 3), listed("assignee", "none", "assignee", "me"));
        assertEquals(tasks(1, 2), listed("assignee", "ann@acme.example,bob@acme.example"));
        assertEquals(tasks(0), listed("assignee", "none"));
        assertEquals(tasks(3), listed("assignee", "me"));
        assertEquals(tasks(3), listed("team", "support", "sentiment", "negative", "tier", "P4,P3"));
        assertEquals(tasks(1, 2), listed("status", "claimed", "team", "legal,sales,support", "assignee",
                "ann@acme.example", "assignee", "bob@acme.example"));

        // source itself: repeated and comma-separated
        List<Number> repeated = agent().queryParam("source", sources.get(0), sources.get(1)).get("/api/v1/tasks")
                .then().statusCode(200).extract().path("items.id");
        List<Number> comma = agent().queryParam("source", sources.get(0) + "," + sources.get(1)).get("/api/v1/tasks")
                .then().statusCode(200).extract().path("items.id");
        assertEquals(repeated, comma);
        assertEquals(2, comma.size());
    }

    @Test
    void repeatedAndCommaSeparatedStatusesAreTheSameAndUnknownParametersAndValuesAre400() {
        List<Integer> comma = agent().queryParam("status", "open,resolved")
                .queryParam("limit", 200).get("/api/v1/tasks").then().statusCode(200).extract().path("items.id");
        List<Integer> repeated = agent().queryParam("status", "open", "resolved")
                .queryParam("limit", 200).get("/api/v1/tasks").then().statusCode(200).extract().path("items.id");
        assertEquals(comma, repeated);

        Map<String, String> refused = Map.of(
                "stauts=open", "unknown query parameter stauts; known are assignee, cursor, intent, limit, needsReply, "
                        + "sentiment, source, status, team, text, tier",
                "text=a&text=b", "text takes one value",
                "status=open,nope", "status nope is not one of open, claimed, snoozed, resolved, dismissed, all",
                "status=all,open", "status all goes alone",
                "tier=P1,P9", "tier P9 is not one of P1, P2, P3, P4",
                "sentiment=angry", "sentiment angry is not one of negative, neutral, positive",
                "needsReply=maybe", "needsReply maybe is not one of true, false, any",
                "needsReply=true,false", "needsReply takes one value",
                "team=support,marketing", "team marketing is not one of support, product, sales, legal, communications",
                "limit=201", "limit must be an integer from 1 to 200");
        refused.forEach((query, detail) -> agent().get("/api/v1/tasks?" + query).then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("detail", equalTo(detail)));
    }
}
