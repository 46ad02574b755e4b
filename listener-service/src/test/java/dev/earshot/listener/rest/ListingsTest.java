package dev.earshot.listener.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.earshot.listener.support.AlgoliaWireMock;
import dev.earshot.listener.support.ListenerTestSupport;
import dev.earshot.testing.DevJwt;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The listener's listings answer like every listing of the three services: {items, nextCursor}, one limit range. */
@QuarkusTest
@WithTestResource(AlgoliaWireMock.class)
class ListingsTest extends ListenerTestSupport {

    private static final List<String> LISTINGS = List.of("/api/v1/rules", "/api/v1/sources", "/api/v1/dead-letters");

    private static io.restassured.specification.RequestSpecification agent() {
        return given().auth().oauth2(DevJwt.token("agent"));
    }

    @Test
    void everyListingAnswersTheEnvelope() {
        for (String listing : LISTINGS) {
            Map<String, Object> body = agent().get(listing).then().statusCode(200).contentType(ContentType.JSON)
                    .body("nextCursor", nullValue()).extract().jsonPath().getMap("$");
            assertEquals(Set.of("items", "nextCursor"), body.keySet(), listing + ": " + body);
            assertTrue(body.get("items") instanceof List, listing + ": " + body);
        }
        agent().get("/api/v1/rules").then().body("items.id", contains("graalvm", "quarkus"));
        agent().get("/api/v1/sources").then().body("items.source", org.hamcrest.Matchers.hasItem("hackernews"));
    }

    @Test
    void aLimitOutsideOneTo200Is400ProblemJson() {
        for (String listing : List.of("/api/v1/rules", "/api/v1/dead-letters")) {
            for (String limit : List.of("0", "201", "-1", "ten")) {
                agent().queryParam("limit", limit).get(listing).then().statusCode(400)
                        .contentType(startsWith("application/problem+json"))
                        .body("type", equalTo("https://earshot.dev/problems/invalid-request"))
                        .body("detail", equalTo("limit must be an integer from 1 to 200"));
            }
            agent().queryParam("limit", 200).get(listing).then().statusCode(200);
            agent().queryParam("limit", 1).queryParam("limit", 2).get(listing).then().statusCode(400)
                    .body("detail", equalTo("limit takes one value"));
        }
    }

    @Test
    void anUnknownQueryParameterIs400NamingTheKnownOnes() {
        agent().queryParam("before", "1-0").get("/api/v1/dead-letters").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("unknown query parameter before; known are limit, cursor"));
        agent().queryParam("offset", 10).get("/api/v1/rules").then().statusCode(400)
                .body("detail", equalTo("unknown query parameter offset; known are limit, cursor"));
        agent().queryParam("limit", 10).get("/api/v1/sources").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("unknown query parameter limit; this listing takes none"));
        agent().queryParam("cursor", "bad id!").get("/api/v1/rules").then().statusCode(400)
                .body("detail", equalTo("cursor must be the nextCursor of a previous page, a rule id"));
    }

    @Test
    void theCursorWalksEveryRuleOnceInIdOrder() {
        List<String> expected = new ArrayList<>(List.of("graalvm", "quarkus"));
        for (int i = 0; i < 9; i++) {
            String id = "r" + i;
            given().auth().oauth2(DevJwt.token("lead")).contentType(ContentType.JSON).body("{\"query\": \"acme" + i + "\"}")
                    .put("/api/v1/rules/" + id).then().statusCode(201);
            expected.add(id);
        }
        expected.sort(null);

        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonPath page = agent().queryParam("limit", 3).queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor))
                    .get("/api/v1/rules").then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("items.id");
            assertTrue(ids.size() <= 3, ids.toString());
            walked.addAll(ids);
            cursor = page.getString("nextCursor");
            if (cursor != null) {
                assertEquals(ids.get(ids.size() - 1), cursor);
            }
            pages++;
        } while (cursor != null);
        assertEquals(expected, walked);
        assertEquals(4, pages); // 11 rules by 3: the last page holds 2 and says so with a null cursor

        // a page starts after its cursor even when that rule was deleted meanwhile
        given().auth().oauth2(DevJwt.token("lead")).delete("/api/v1/rules/r3").then().statusCode(204);
        agent().queryParam("limit", 2).queryParam("cursor", "r3").get("/api/v1/rules").then().statusCode(200)
                .body("items.id", contains("r4", "r5")).body("nextCursor", equalTo("r5"));
        // the exact fit: the last page is full and still ends the walk
        agent().queryParam("limit", 3).queryParam("cursor", "r5").get("/api/v1/rules").then().statusCode(200)
                .body("items.id", contains("r6", "r7", "r8")).body("nextCursor", nullValue());
        agent().queryParam("limit", 200).get("/api/v1/rules").then().body("items", hasSize(10))
                .body("items.id", containsInAnyOrder(expected.stream().filter(id -> !id.equals("r3")).toArray()));
    }
}
