package dev.earshot.listener.source.hackernews;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.listener.model.Mention;
import dev.earshot.listener.pipeline.HtmlNormaliser;
import dev.earshot.listener.source.SourceException;
import dev.earshot.listener.source.post.MalformedPostException;
import dev.earshot.listener.support.ControlCharacters;

class HackerNewsMapperTest {

    private final ObjectMapper json = new ObjectMapper();
    private final HackerNewsMapper mapper = new HackerNewsMapper(json, new HtmlNormaliser());
    private final Instant now = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void storyWithHtmlTextIsItsOwnConversation() throws Exception {
        Mention m = mapper.toMention(hit("""
                {"_tags":["story","author_x","story_7"],"author":"x","created_at_i":1795515330,"objectID":"7",
                 "title":"  Ask HN: anyone on Quarkus? ","story_text":"<p>Asking for a friend &amp; me</p>",
                 "points":5,"num_comments":0,"url":null}"""), now);
        assertEquals("hackernews:news.ycombinator.com:7", m.conversationId());
        assertNull(m.inReplyTo());
        assertEquals("Ask HN: anyone on Quarkus?", m.title());
        assertEquals("Asking for a friend & me", m.text());
        assertEquals(5L, m.engagement().likes());
        assertEquals(0L, m.engagement().replies());
        assertEquals(Instant.ofEpochSecond(1795515330), m.createdAt());
    }

    @Test
    void storyUrlAndCommentLinksBecomeLinksAndScriptsAreDropped() throws Exception {
        Mention story = mapper.toMention(hit("""
                {"_tags":["story"],"author":"x","created_at_i":1795515330,"objectID":"8","title":"Acme",
                 "url":"https://acme.example/launch","story_text":null}"""), now);
        assertEquals(java.util.List.of("https://acme.example/launch"), story.links());
        Mention comment = mapper.toMention(hit("""
                {"_tags":["comment"],"author":"y","created_at_i":1795515330,"objectID":"9","story_id":8,"parent_id":8,
                 "comment_text":"See <a href=\\"https:&#x2F;&#x2F;status.acme.example&#x2F;\\">status</a> and \
                <a href=\\"javascript:alert(1)\\">this</a><script>alert(2)</script> <b>now</b>"}"""), now);
        assertEquals(java.util.List.of("https://status.acme.example/"), comment.links());
        assertEquals("See status and this now", comment.text());
        assertEquals("hackernews:news.ycombinator.com:8", comment.conversationId(), "story_id is the conversation");
        assertEquals("hackernews:news.ycombinator.com:8", comment.inReplyTo());
    }

    @Test
    void controlCharactersInAlgoliasFieldsNeverReachTheMention() throws Exception {
        // Plain comment text takes the normaliser's fast path (no markup to parse).
        Mention comment = mapper.toMention(hit("""
                {"_tags":["comment"],"author":"b\\u0000ob\\ud800","created_at_i":1795515330,"objectID":"9",
                 "story_id":8,"parent_id":8,"story_title":"Acme\\u0000 down?",
                 "comment_text":"Acme\\u0000 is down \\u0007again\\u009f"}"""), now);
        ControlCharacters.assertClean(comment);
        assertEquals("Acme is down again", comment.text());
        assertEquals("bob\uFFFD", comment.author().handle());
        Mention story = mapper.toMention(hit("""
                {"_tags":["story"],"author":"x","created_at_i":1795515330,"objectID":"7",
                 "title":"Ask HN:\\u0000 Acme?","story_text":"<p>Asking&#1; for\\u0000 a friend</p>"}"""), now);
        ControlCharacters.assertClean(story);
        assertEquals("Ask HN: Acme?", story.title());
        assertEquals("Asking for a friend", story.text());
    }

    @Test
    void malformedHitsAreRejectedWithAReason() {
        assertEquals("missing objectID", reject("{\"author\":\"x\",\"created_at_i\":1795515330}"));
        assertEquals("objectID is not an item id", reject("{\"objectID\":\"../x\",\"author\":\"x\",\"created_at_i\":1795515330}"));
        assertEquals("missing created_at_i", reject("{\"objectID\":\"1\",\"author\":\"x\"}"));
        assertEquals("created_at_i out of range: 2005-01-01T00:00:00Z",
                reject("{\"objectID\":\"1\",\"author\":\"x\",\"created_at_i\":1104537600}"));
        assertEquals("points is not an integer",
                reject("{\"objectID\":\"1\",\"author\":\"x\",\"created_at_i\":1795515330,\"points\":\"many\"}"));
        assertEquals("comment without story_id", reject(
                "{\"_tags\":[\"comment\"],\"objectID\":\"1\",\"author\":\"x\",\"created_at_i\":1795515330,\"comment_text\":\"hi\"}"));
        assertEquals("hit is not a JSON object", reject("[1,2]"));
    }

    @Test
    void invalidPagesAreRefused() {
        assertThrows(SourceException.InvalidPage.class, () -> mapper.parsePage("{\"hits\": ["));
        assertThrows(SourceException.InvalidPage.class, () -> mapper.parsePage("{\"nbHits\": 0}"));
        assertThrows(SourceException.InvalidPage.class, () -> mapper.parsePage(""));
        assertEquals(2, mapper.parsePage("{\"hits\":[],\"page\":0,\"nbPages\":2}").nbPages());
    }

    private String reject(String hitJson) {
        return assertThrows(MalformedPostException.class, () -> mapper.toMention(hit(hitJson), now)).getMessage();
    }

    private JsonNode hit(String text) throws Exception {
        return json.readTree(text);
    }
}
