package dev.earshot.listener.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.earshot.messaging.SafeText;
import dev.earshot.listener.support.ControlCharacters;

class MentionCleaningTest {

    @Test
    void theRuleKeepsTabLineFeedAndCarriageReturnAndReplacesLoneSurrogates() {
        assertEquals("a\tb\r\nc", SafeText.clean("\u0000a\tb\r\n\u0001c\u007f\u0085"));
        assertEquals("x\uFFFDy\uFFFD\uD83D\uDE00", SafeText.clean("x\uDC00y\uD800\uD83D\uDE00"));
        String clean = "Grüße \uD83D\uDE00";
        assertSame(clean, SafeText.clean(clean));
    }

    /** Whatever a connector puts in, every text of the mention it builds is clean. */
    @Test
    void everyTextOfAMentionIsCleanedWhereverItIsBuilt() {
        String nul = "\u0000";
        Mention m = Mention.builder().source("mastodon" + nul).instance("mastodon.example\u0007").nativeId("1" + nul)
                .permalink("https://mastodon.example/@a/1" + nul).conversationId("c" + nul).inReplyTo("r" + nul)
                .author(new Mention.Author("i" + nul, "h" + nul, "Dis\u0000play \uD800", 3L, "https://p.example/" + nul))
                .title("spoiler" + nul).text("te\u0000xt\u001b").languageHint("en" + nul)
                .createdAt(Instant.EPOCH).fetchedAt(Instant.EPOCH)
                .links(List.of("https://l.example/" + nul)).build()
                .withMatchedRules(List.of("rule" + nul)).withNearDuplicateOf("n" + nul);

        ControlCharacters.assertClean(m);
        assertEquals("mastodon:mastodon.example:1", m.id());
        assertEquals("Display \uFFFD", m.author().displayName());
        assertEquals("spoiler", m.title());
        assertEquals("text", m.text());
        assertEquals(List.of("https://l.example/"), m.links());
        assertEquals(List.of("rule"), m.matchedRules());
        assertEquals("n", m.nearDuplicateOf());
    }
}
