package dev.earshot.listener.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.earshot.listener.pipeline.SourceTags;
import dev.earshot.listener.support.AlgoliaWireMock;
import dev.earshot.listener.support.ListenerTestSupport;
import dev.earshot.testing.DevJwt;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Pushed posts name their own source and instance: thousands of distinct ones mint a bounded number of
 * meters and status entries. Own profile with small bounds, because reaching the source bound starves every
 * later new source of this application (by design) and the other test classes push sources of their own.
 */
@QuarkusTest
@TestProfile(PushedTagsBoundsTest.SmallBounds.class)
@WithTestResource(AlgoliaWireMock.class)
class PushedTagsBoundsTest extends ListenerTestSupport {

    static final int SOURCES = 5;
    static final int PER_SOURCE = 20;

    public static class SmallBounds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("earshot.listener.ingest.max-sources", String.valueOf(SOURCES),
                    "earshot.listener.ingest.max-instances-per-source", String.valueOf(PER_SOURCE));
        }
    }

    @Inject
    MeterRegistry registry;

    @Test
    void thousandsOfPushedInstancesAndSourcesMintABoundedNumberOfMetersAndStatusEntries() {
        String now = Instant.now().minusSeconds(30).toString();
        for (int request = 0; request < 4; request++) {
            StringBuilder body = new StringBuilder("{\"posts\": [");
            for (int i = 0; i < 500; i++) {
                int n = request * 500 + i;
                if (i > 0) {
                    body.append(',');
                }
                // every tenth post cannot be read (no nativeId): rejected posts are counted per instance too
                body.append("""
                        {"source": "swarm", "instance": "h%d.example.net", %s "author": {"handle": "bot"},
                         "text": "nothing for the rules here %d", "createdAt": "%s"}"""
                        .formatted(n, n % 10 == 0 ? "" : "\"nativeId\": \"" + n + "\",", n, now));
            }
            body.append("]}");
            given().auth().oauth2(DevJwt.token("ingest")).contentType(ContentType.JSON).body(body.toString())
                    .post("/api/v1/ingest").then().statusCode(200).body("received", equalTo(500));
        }
        StringBuilder sources = new StringBuilder("[");
        for (int s = 0; s < 300; s++) {
            sources.append(s == 0 ? "" : ",").append("""
                    {"source": "crowd-%d", "instance": "crowd.example.net", "nativeId": "1", "author": {"handle": "bot"},
                     "text": "nothing for the rules here", "createdAt": "%s"}""".formatted(s, now));
        }
        given().auth().oauth2(DevJwt.token("ingest")).contentType(ContentType.JSON).body(sources.append("]").toString())
                .post("/api/v1/ingest").then().statusCode(200).body("received", equalTo(300));

        int perSource = PER_SOURCE;
        for (String meter : List.of("earshot.listener.hits.fetched", "earshot.listener.hits.unmatched",
                "earshot.listener.hits.rejected", "earshot.listener.lag.seconds")) {
            Set<String> instances = registry.find(meter).tag("source", "swarm").meters().stream()
                    .map(m -> m.getId().getTag("instance")).collect(Collectors.toSet());
            assertTrue(instances.size() <= perSource + 1, meter + ": " + instances.size() + " instances");
            assertTrue(instances.contains(SourceTags.OTHER), meter + " has no instance other");
        }
        Set<String> crowd = registry.getMeters().stream().map(Meter::getId)
                .filter(id -> id.getName().startsWith("earshot.listener."))
                .map(id -> id.getTag("source")).filter(s -> s != null && s.startsWith("crowd-"))
                .collect(Collectors.toSet());
        assertTrue(crowd.size() <= SOURCES, crowd.size() + " crowd sources");
        assertTrue(registry.find("earshot.listener.hits.fetched").tag("source", SourceTags.OTHER).counter() != null);

        // the status kept in Redis (shared by the replicas) and GET /api/v1/sources are bounded too
        Set<String> index = redis.set(String.class).smembers("earshot:status:index");
        assertTrue(index.size() <= perSource + 1 + SOURCES + 1, index.size() + " status entries");
        assertTrue(index.contains("swarm|other"));
        assertTrue(index.contains("other|other"));
        List<String> listed = given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/sources").then()
                .statusCode(200).extract().jsonPath().getList("items.findAll { it.source == 'swarm' }.instance");
        assertEquals(perSource + 1, listed.size());
    }
}
