package dev.earshot.response.webhook.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void cutsNeverSplitASurrogatePairOrAnEscape() {
        String emoji = "a😀b👩‍💻c&<>".repeat(20);
        for (int limit = 1; limit < 120; limit++) {
            for (var escape : java.util.List.of(Text.PLAIN, Text.SLACK, Text.HTML, Text.MARKDOWN)) {
                String cut = Text.fit(emoji, limit, escape);
                assertTrue(cut.length() <= limit, "limit " + limit);
                JsonChecks.assertWellFormed(cut);
                String body = cut.endsWith(Text.ELLIPSIS) ? cut.substring(0, cut.length() - 1) : cut;
                if (escape == Text.SLACK || escape == Text.HTML) {
                    assertFalse(body.matches("(?s).*&[a-z]{0,3}$"), "split entity: " + cut);
                }
                assertFalse(body.endsWith("\\") && !body.endsWith("\\\\"), "split backslash escape: " + cut);
            }
        }
    }

    @Test
    void shortTextIsKeptWholeAndLongTextEndsWithAnEllipsis() {
        assertEquals("hello", Text.fit("hello", 5, Text.PLAIN));
        assertEquals("hell…", Text.fit("hello!", 5, Text.PLAIN));
        assertEquals("a &amp; b", Text.fit("a & b", 9, Text.SLACK));
        assertEquals("a …", Text.fit("a & b", 6, Text.SLACK));
        assertEquals("a &amp;…", Text.fit("a & b", 8, Text.SLACK));
        assertEquals("\\*bold\\* @\u2060here", Text.fit("*bold* @here", 100, Text.MARKDOWN));
        assertEquals("&lt;b&gt;x&lt;/b&gt;", Text.fit("<b>x</b>", 100, Text.HTML));
    }

    @Test
    void followersAndDurationsReadNaturally() {
        assertEquals("12.3k followers", Text.followers(12_345L));
        assertEquals("980 followers", Text.followers(980L));
        assertEquals("1 follower", Text.followers(1L));
        assertEquals("9.8M followers", Text.followers(9_876_543L));
        assertEquals("1k followers", Text.followers(1_000L));
        assertEquals("12 min", Text.duration(720));
        assertEquals("5 min", Text.duration(-300));
        assertEquals("2 h 5 min", Text.duration(7_500));
        assertEquals("1 d 3 h", Text.duration(97_200));
        assertEquals("less than 1 min", Text.duration(30));
    }
}
