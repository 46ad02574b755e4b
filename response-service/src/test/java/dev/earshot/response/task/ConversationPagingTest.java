package dev.earshot.response.task;

import static dev.earshot.response.task.TestData.conversation;
import static dev.earshot.response.task.TestData.mentionId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** A task's detail never loads a whole conversation: the newest posts and notes, the rest in pages. */
@QuarkusTest
class ConversationPagingTest {

    private static final int POSTS = 10_000;
    private static final int NOTES = 45;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TaskIngestion service;

    @Inject
    ObjectMapper mapper;

    /** A task of {@code POSTS} posts (pairs of posts share a time, so the id breaks ties) and NOTES notes. */
    private long bigTask() {
        String conversationId = conversation();
        String first = mentionId();
        ObjectNode node = TestData.scoredNode(first, conversationId, 0.6, -0.5, null);
        ((ObjectNode) node.get("mention")).putArray("links").add("https://status.acme.example/1")
                .add("https://status.acme.example/2");
        Ingest.record(service, mapper, node);
        long id = TestData.taskId(dataSource, conversationId);
        TestData.sql(dataSource, """
                INSERT INTO mention
                SELECT (jsonb_populate_record(m, jsonb_build_object('id', m.id || ':' || lpad(g::text, 5, '0'),
                        'created_at', m.created_at + (g / 2) * interval '1 second',
                        'links', CASE WHEN g = 7 THEN ARRAY['https://status.acme.example/3'] ELSE m.links END))).*
                FROM mention m, generate_series(1, %d) g WHERE m.id = '%s'
                """.formatted(POSTS - 1, first));
        TestData.sql(dataSource, """
                INSERT INTO task_note (task_id, author, text, created_at)
                SELECT %d, 'ann@acme.example', 'note ' || g, now() FROM generate_series(1, %d) g
                """.formatted(id, NOTES));
        return id;
    }

    @Test
    void theDetailCarriesTheNewestPostsAndNotesAndTheRestIsPagedNewestFirst() {
        long id = bigTask();
        Response detail = given().auth().oauth2(TestData.agentToken()).get("/api/v1/tasks/{id}", id);
        detail.then().statusCode(200);
        JsonPath d = detail.jsonPath();
        assertEquals("\"" + d.getLong("version") + "\"", detail.header("ETag"));
        assertTrue(detail.asByteArray().length < 100_000, detail.asByteArray().length + " bytes");

        List<String> shown = d.getList("mentions.id");
        assertEquals(20, shown.size());
        List<String> shownTimes = d.getList("mentions.createdAt");
        for (int i = 1; i < shown.size(); i++) {
            assertTrue(before(shownTimes.get(i - 1), shown.get(i - 1), shownTimes.get(i), shown.get(i)),
                    "detail posts oldest first");
        }
        assertEquals(List.of("https://status.acme.example/1", "https://status.acme.example/2",
                "https://status.acme.example/3"), d.getList("links"));
        assertEquals(20, d.getList("notes").size());
        assertEquals("note " + NOTES, d.getString("notes[19].text"));
        assertEquals("note " + (NOTES - 19), d.getString("notes[0].text"));

        // the first page of /posts is the detail's posts, newest first
        JsonPath newest = page("posts", id, null, 20);
        List<String> reversed = new ArrayList<>(shown);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, newest.getList("items.id"));
        assertEquals(d.getString("olderMentionsCursor"), newest.getString("nextCursor"));

        // from the detail's cursor on, every older post exactly once, newest first
        Set<String> seen = new HashSet<>(shown);
        String cursor = d.getString("olderMentionsCursor");
        String lastTime = shownTimes.get(0);
        String lastId = shown.get(0);
        int pages = 0;
        while (cursor != null) {
            JsonPath p = page("posts", id, cursor, 200);
            List<Map<String, Object>> items = p.getList("items");
            assertTrue(items.size() <= 200);
            for (Map<String, Object> item : items) {
                String itemId = (String) item.get("id");
                String itemTime = (String) item.get("createdAt");
                assertTrue(before(itemTime, itemId, lastTime, lastId), "newest first: " + itemId + " after " + lastId);
                assertTrue(seen.add(itemId), itemId + " twice");
                lastTime = itemTime;
                lastId = itemId;
            }
            cursor = p.getString("nextCursor");
            pages++;
        }
        assertEquals(POSTS, seen.size());
        assertEquals((POSTS - 20 + 199) / 200, pages);

        // notes the same way
        List<String> notes = new ArrayList<>();
        String noteCursor = d.getString("olderNotesCursor");
        assertNotNull(noteCursor);
        while (noteCursor != null) {
            JsonPath p = page("notes", id, noteCursor, 10);
            notes.addAll(p.getList("items.text"));
            noteCursor = p.getString("nextCursor");
        }
        assertEquals(NOTES - 20, notes.size());
        assertEquals("note " + (NOTES - 20), notes.get(0));
        assertEquals("note 1", notes.get(notes.size() - 1));
        assertEquals(NOTES, page("notes", id, null, 200).getList("items").size());
        assertNull(page("notes", id, null, 200).getString("nextCursor"));
    }

    @Test
    void aSmallConversationIsWhollyInTheDetailWithoutCursors() {
        String conversationId = conversation();
        Ingest.record(service, mapper, TestData.scoredNode(mentionId(), conversationId, 0.6, -0.5, null));
        long id = TestData.taskId(dataSource, conversationId);
        JsonPath d = TestData.detail(id);
        assertEquals(1, d.getList("mentions").size());
        assertNull(d.getString("olderMentionsCursor"));
        assertEquals(0, d.getList("notes").size());
        assertNull(d.getString("olderNotesCursor"));
        assertEquals(1, page("posts", id, null, 50).getList("items").size());
        assertNull(page("posts", id, null, 50).getString("nextCursor"));
    }

    @Test
    void theHistoryIsPagedOldestFirst() {
        String conversationId = conversation();
        Ingest.record(service, mapper, TestData.scoredNode(mentionId(), conversationId, 0.6, -0.5, null));
        long id = TestData.taskId(dataSource, conversationId);
        TestData.sql(dataSource, """
                INSERT INTO task_event (task_id, actor, action, at, detail)
                SELECT %d, 'ann@acme.example', 'noted', now() + g * interval '1 second', 'entry ' || g
                FROM generate_series(1, 120) g
                """.formatted(id));
        List<Integer> all = given().auth().oauth2(TestData.agentToken()).queryParam("limit", 200)
                .get("/api/v1/tasks/{id}/history", id).then().statusCode(200).body("taskId", equalTo((int) id))
                .body("nextCursor", equalTo(null)).extract().path("items.id");
        assertTrue(all.size() > 120, all.size() + " entries");
        List<Integer> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonPath p = page("history", id, cursor, 50);
            assertEquals(id, p.getLong("taskId"));
            paged.addAll(p.getList("items.id"));
            cursor = p.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(all, paged);
        assertEquals(3, pages);
        for (int i = 1; i < paged.size(); i++) {
            assertTrue(paged.get(i - 1) < paged.get(i), "oldest first");
        }
        // the default page is 50 entries
        assertEquals(50, page("history", id, null, 50).getList("items").size());
        assertEquals(50, given().auth().oauth2(TestData.agentToken()).get("/api/v1/tasks/{id}/history", id).then()
                .statusCode(200).extract().jsonPath().getList("items").size());
    }

    @Test
    void badPagesAreRefused() {
        String conversationId = conversation();
        Ingest.record(service, mapper, TestData.scoredNode(mentionId(), conversationId, 0.6, -0.5, null));
        long id = TestData.taskId(dataSource, conversationId);
        String noteCursor = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("n1|5".getBytes());
        for (String query : List.of("limit=0", "limit=201", "limit=x", "cursor=!!", "cursor=" + noteCursor)) {
            given().auth().oauth2(TestData.agentToken()).get("/api/v1/tasks/{id}/posts?" + query, id).then()
                    .statusCode(400).contentType("application/problem+json");
        }
        given().auth().oauth2(TestData.agentToken()).get("/api/v1/tasks/{id}/notes?cursor=x", id).then()
                .statusCode(400);
        for (String what : List.of("posts", "notes", "history")) {
            for (String query : List.of("limit=0", "limit=201", "cursor=" + (what.equals("notes") ? "x" : noteCursor),
                    "order=asc", "limit=5&limit=6")) {
                given().auth().oauth2(TestData.agentToken()).get("/api/v1/tasks/{id}/" + what + "?" + query, id)
                        .then().statusCode(400).contentType("application/problem+json");
            }
        }
        given().auth().oauth2(TestData.agentToken()).get("/api/v1/tasks/{id}/history?order=asc", id).then()
                .body("detail", equalTo("unknown query parameter order; known are limit, cursor"));
        given().auth().oauth2(TestData.agentToken()).get("/api/v1/tasks/{id}/history", Long.MAX_VALUE).then()
                .statusCode(404);
        given().auth().oauth2(TestData.agentToken()).get("/api/v1/tasks/{id}/posts", Long.MAX_VALUE).then()
                .statusCode(404).body("status", equalTo(404));
        given().auth().oauth2(TestData.agentToken()).get("/api/v1/tasks/{id}/notes", Long.MAX_VALUE).then()
                .statusCode(404);
        given().get("/api/v1/tasks/{id}/posts", id).then().statusCode(401);
    }

    private static JsonPath page(String what, long id, String cursor, int limit) {
        var request = given().auth().oauth2(TestData.agentToken()).queryParam("limit", limit);
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        return request.get("/api/v1/tasks/{id}/" + what, id).then().statusCode(200).extract().jsonPath();
    }

    /** Whether post (t1, id1) comes before post (t2, id2) in time, the id breaking ties as the database does. */
    private static boolean before(String t1, String id1, String t2, String id2) {
        int byTime = Instant.parse(t1).compareTo(Instant.parse(t2));
        return byTime < 0 || (byTime == 0 && id1.compareTo(id2) < 0);
    }
}
