package dev.earshot.response.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The golden sample of docs/CONTRACTS.md reads into this service's records, and bad bodies are refused. */
class ScoredMentionContractTest {

    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final ScoredMentionReader reader = new ScoredMentionReader(mapper);

    static byte[] golden() throws IOException {
        try (InputStream in = ScoredMentionContractTest.class.getResourceAsStream("/contracts/scored-mention-v1.json")) {
            return in.readAllBytes();
        }
    }

    @Test
    void goldenSampleReadsIntoTheRecords() throws IOException {
        ScoredMention s = reader.read(golden());
        assertEquals(1, s.schemaVersion());
        ScoredMention.Mention m = s.mention();
        assertEquals("hackernews:news.ycombinator.com:41000123", m.id());
        assertEquals("hackernews", m.source());
        assertEquals("news.ycombinator.com", m.instance());
        assertEquals("41000123", m.nativeId());
        assertEquals("https://news.ycombinator.com/item?id=41000123", m.permalink());
        assertEquals("hackernews:news.ycombinator.com:41000001", m.conversationId());
        assertEquals("hackernews:news.ycombinator.com:41000100", m.inReplyTo());
        assertEquals(new ScoredMention.Author("alice", "alice", "alice", null, null), m.author());
        assertEquals("Show HN: Acme Cloud", m.title());
        assertEquals("Acme Cloud has been down for an hour & nobody answers", m.text());
        assertNull(m.languageHint());
        assertEquals(Instant.parse("2026-11-25T10:15:30Z"), m.createdAt());
        assertEquals(Instant.parse("2026-11-25T10:16:02Z"), m.fetchedAt());
        assertEquals(new ScoredMention.Engagement(12L, 3L, null), m.engagement());
        assertEquals(List.of("acme"), m.matchedRules());
        assertEquals("negative", s.sentiment().label());
        assertEquals(-0.82, s.sentiment().score());
        assertEquals(0.86, s.sentiment().probabilities().get("negative"));
        assertEquals(0.74, s.urgency().score());
        assertEquals("high", s.urgency().level());
        assertEquals(List.of("mentions an outage", "strongly negative"), s.urgency().reasons());
        assertEquals("en", s.language());
        assertEquals(List.of("outage"), s.intents());
        assertEquals("sentiment-en-2026.11.25", s.modelVersion());
    }

    @Test
    void unknownFieldsAreIgnored() throws IOException {
        ObjectNode tree = (ObjectNode) mapper.readTree(golden());
        tree.put("addedLater", "fine");
        ((ObjectNode) tree.get("mention")).put("alsoNew", 1);
        assertEquals("hackernews:news.ycombinator.com:41000123",
                reader.read(mapper.writeValueAsBytes(tree)).mention().id());
    }

    @Test
    void malformedBodiesAreRefusedWithAReason() throws IOException {
        assertReason("body is not valid JSON", "{\"schemaVersion\": 1, \"mention\": ".getBytes(StandardCharsets.UTF_8));
        assertReason("body is not a JSON object", "[1, 2]".getBytes(StandardCharsets.UTF_8));
        assertReason("empty body", new byte[0]);
        assertReason("missing mention.id", without("mention", "id"));
        assertReason("missing mention.conversationId", without("mention", "conversationId"));
        assertReason("missing sentiment.label", without("sentiment", "label"));
        ObjectNode noSentiment = (ObjectNode) mapper.readTree(golden());
        noSentiment.remove("sentiment");
        assertReason("missing sentiment.label", mapper.writeValueAsBytes(noSentiment));
        ObjectNode v2 = (ObjectNode) mapper.readTree(golden());
        v2.put("schemaVersion", 2);
        assertReason("unsupported schemaVersion 2", mapper.writeValueAsBytes(v2));
        ObjectNode badType = (ObjectNode) mapper.readTree(golden());
        ((ObjectNode) badType.get("mention")).put("createdAt", "yesterday");
        InvalidScoredMentionException e = assertThrows(InvalidScoredMentionException.class,
                () -> reader.read(mapper.writeValueAsBytes(badType)));
        assertEquals("hackernews:news.ycombinator.com:41000123", e.messageId());
    }

    private byte[] without(String object, String field) throws IOException {
        ObjectNode tree = (ObjectNode) mapper.readTree(golden());
        ((ObjectNode) tree.get(object)).remove(field);
        return mapper.writeValueAsBytes(tree);
    }

    private void assertReason(String reason, byte[] body) {
        InvalidScoredMentionException e = assertThrows(InvalidScoredMentionException.class, () -> reader.read(body));
        assertEquals(reason, e.getMessage());
    }
}
