package dev.earshot.listener.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.listener.support.AlgoliaWireMock;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The mention as the service serialises it equals the golden v1 sample of docs/CONTRACTS.md. */
@QuarkusTest
@WithTestResource(AlgoliaWireMock.class)
class MentionJsonTest {

    @Inject
    ObjectMapper objectMapper;

    @Test
    void serialisedMentionMatchesTheGoldenSample() throws Exception {
        Mention mention = new Mention(1, "hackernews:news.ycombinator.com:41000123", "hackernews",
                "news.ycombinator.com", "41000123", "https://news.ycombinator.com/item?id=41000123",
                "hackernews:news.ycombinator.com:41000001", "hackernews:news.ycombinator.com:41000100",
                new Mention.Author("alice", "alice", "alice", null, "https://news.ycombinator.com/user?id=alice"),
                "Show HN: Acme Cloud", "Acme Cloud has been down for an hour & nobody answers", null,
                Instant.parse("2026-11-25T10:15:30Z"), null, Instant.parse("2026-11-25T10:16:02Z"),
                new Mention.Engagement(12L, 3L, null), List.of("https://status.acme.example/"), List.of("acme"),
                null);

        JsonNode golden;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("golden/mention-v1.json")) {
            golden = objectMapper.readTree(in);
        }
        JsonNode serialised = objectMapper.readTree(objectMapper.writeValueAsString(mention));
        assertEquals(golden, serialised);
        assertEquals(mention, objectMapper.treeToValue(golden, Mention.class));
    }
}
