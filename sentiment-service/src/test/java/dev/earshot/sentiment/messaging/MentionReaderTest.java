package dev.earshot.sentiment.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.sentiment.messaging.MentionReader.UnreadableMentionException;
import dev.earshot.sentiment.contract.Mention;

class MentionReaderTest {

    private final MentionReader reader = new MentionReader(
            new ObjectMapper().findAndRegisterModules().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));

    @Test
    void readsAMinimalMention() {
        Mention mention = reader.read(bytes("{\"id\":\"rss:a:1\",\"source\":\"rss\",\"text\":\"hi\",\"createdAt\":\"2026-11-25T10:15:30Z\"}"));
        assertEquals("rss:a:1", mention.id());
        assertEquals("hi", mention.text());
    }

    @Test
    void namesTheReasonForEachUnreadableBody() {
        assertReason(new byte[0], "empty body");
        assertReason(null, "empty body");
        assertReason(bytes("{\"id\":"), "not JSON");
        assertReason(new byte[] {(byte) 0xff, 0x00, (byte) 0xfe}, "not JSON");
        assertReason(bytes("42"), "not an object");
        assertReason(bytes("{\"text\":\"hi\"}"), "no id");
        assertReason(bytes("{\"id\":\"  \",\"text\":\"hi\"}"), "no id");
        assertReason(bytes("{\"id\":\"rss:a:2\"}"), "no text in mention rss:a:2");
        assertReason(bytes("{\"id\":\"rss:a:3\",\"text\":\"x\",\"schemaVersion\":2}"), "unsupported schemaVersion 2");
        assertReason(bytes("{\"id\":\"rss:a:4\",\"text\":\"x\",\"createdAt\":\"yesterday\"}"), "does not match mention v1");
    }

    private void assertReason(byte[] body, String expected) {
        UnreadableMentionException e = assertThrows(UnreadableMentionException.class, () -> reader.read(body));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
