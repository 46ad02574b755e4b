package dev.earshot.sentiment.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/** The golden samples of docs/CONTRACTS.md read into our records and written back unchanged. */
@QuarkusTest
class ContractGoldenSampleTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void mentionV1RoundTrips() throws IOException {
        JsonNode golden = golden("golden/mention-v1.json");
        Mention mention = mapper.treeToValue(golden, Mention.class);

        assertEquals(1, mention.schemaVersion());
        assertEquals("hackernews:news.ycombinator.com:41000123", mention.id());
        assertEquals("hackernews", mention.source());
        assertEquals("news.ycombinator.com", mention.instance());
        assertEquals("41000123", mention.nativeId());
        assertEquals("hackernews:news.ycombinator.com:41000001", mention.conversationId());
        assertEquals("hackernews:news.ycombinator.com:41000100", mention.inReplyTo());
        assertEquals("alice", mention.author().handle());
        assertNull(mention.author().followers());
        assertEquals("Show HN: Acme Cloud", mention.title());
        assertEquals("Acme Cloud has been down for an hour & nobody answers", mention.text());
        assertNull(mention.languageHint());
        assertEquals(Instant.parse("2026-11-25T10:15:30Z"), mention.createdAt());
        assertEquals(Instant.parse("2026-11-25T10:16:02Z"), mention.fetchedAt());
        assertEquals(12L, mention.engagement().likes());
        assertNull(mention.engagement().shares());
        assertEquals(15L, mention.engagement().total());
        assertEquals(List.of("acme"), mention.matchedRules());

        assertEquals(golden, mapper.readTree(mapper.writeValueAsBytes(mention)));
    }

    @Test
    void scoredMentionV1RoundTrips() throws IOException {
        JsonNode golden = golden("golden/scored-mention-v1.json");
        ScoredMention scored = mapper.treeToValue(golden, ScoredMention.class);

        assertEquals(ScoredMention.SCHEMA_VERSION, scored.schemaVersion());
        assertEquals("hackernews:news.ycombinator.com:41000123", scored.mention().id());
        assertEquals("negative", scored.sentiment().label());
        assertEquals(-0.82, scored.sentiment().score());
        assertEquals(List.of("negative", "neutral", "positive"), List.copyOf(scored.sentiment().probabilities().keySet()));
        assertEquals(0.86, scored.sentiment().probability("negative"));
        assertEquals(0.74, scored.urgency().score());
        assertEquals("high", scored.urgency().level());
        assertEquals(List.of("mentions an outage", "strongly negative"), scored.urgency().reasons());
        assertEquals("en", scored.language());
        assertEquals(List.of("outage"), scored.intents());
        assertEquals("sentiment-en-2026.11.25", scored.modelVersion());

        assertEquals(golden, mapper.readTree(mapper.writeValueAsBytes(scored)));
    }

    @Test
    void aMentionWithAFieldAddedLaterStillReads() throws IOException {
        JsonNode golden = golden("golden/mention-v1.json");
        ((com.fasterxml.jackson.databind.node.ObjectNode) golden).put("addedInAFutureRelease", true);
        assertEquals("hackernews", mapper.treeToValue(golden, Mention.class).source());
    }

    @Test
    void scoredMentionWithTheFieldsAddedInV1RoundTrips() throws IOException {
        JsonNode golden = golden("golden/scored-mention-v1-added-fields.json");
        ScoredMention scored = mapper.treeToValue(golden, ScoredMention.class);

        assertEquals(List.of(new Sentiment.Driver("down", -0.41), new Sentiment.Driver("nobody", -0.22)),
                scored.sentiment().drivers());
        assertEquals(Boolean.TRUE, scored.urgency().needsReply());
        assertEquals(Boolean.TRUE, scored.languageSupported());
        assertEquals(Boolean.FALSE, scored.truncated());
        assertEquals(golden, mapper.readTree(mapper.writeValueAsBytes(scored)));
    }

    private JsonNode golden(String resource) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            return mapper.readTree(in);
        }
    }
}
