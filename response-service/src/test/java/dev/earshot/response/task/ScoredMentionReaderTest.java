package dev.earshot.response.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the reader accepts in one pass, and the reasons it gives for what it refuses. */
class ScoredMentionReaderTest {

    final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    final ScoredMentionReader reader = new ScoredMentionReader(mapper);

    @Test
    void readsAScoredMention() {
        ScoredMention scored = reader.read(bytes(TestData.scored("rss:a:1", "rss:a:c1", 0.5, -0.4, 10L)));
        assertEquals("rss:a:1", scored.mention().id());
        assertEquals("negative", scored.sentiment().label());
    }

    @Test
    void saysWhyABodyIsRefused() {
        assertReason(null, "empty body", new byte[0]);
        assertReason(null, "body is not valid JSON", bytes("{\"mention\": {"));
        assertReason(null, "body is not a JSON object", bytes("[1, 2]"));
        assertReason(null, "body is not a JSON object", bytes("null"));

        ObjectNode wrongType = TestData.scoredNode("rss:a:2", "rss:a:c2", 0.5, -0.4, 10L);
        wrongType.putArray("schemaVersion");
        InvalidScoredMentionException e = refused(bytes(TestData.json(wrongType)));
        assertEquals("rss:a:2", e.messageId());
        assertEquals(true, e.getMessage().startsWith("body does not match scored-mention v1: "), e.getMessage());

        ObjectNode noLabel = TestData.scoredNode("rss:a:3", "rss:a:c3", 0.5, -0.4, 10L);
        ((ObjectNode) noLabel.get("sentiment")).remove("label");
        assertReason("rss:a:3", "missing sentiment.label", bytes(TestData.json(noLabel)));

        ObjectNode badLabel = TestData.scoredNode("rss:a:4", "rss:a:c4", 0.5, -0.4, 10L);
        ((ObjectNode) badLabel.get("sentiment")).put("label", "furious");
        assertReason("rss:a:4", "unknown sentiment.label furious", bytes(TestData.json(badLabel)));

        ObjectNode future = TestData.scoredNode("rss:a:5", "rss:a:c5", 0.5, -0.4, 10L);
        future.put("schemaVersion", 2);
        assertReason("rss:a:5", "unsupported schemaVersion 2", bytes(TestData.json(future)));
    }

    void assertReason(String mentionId, String reason, byte[] body) {
        InvalidScoredMentionException e = refused(body);
        assertEquals(reason, e.getMessage());
        assertEquals(mentionId, e.messageId());
    }

    InvalidScoredMentionException refused(byte[] body) {
        return assertThrows(InvalidScoredMentionException.class, () -> reader.read(body));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
