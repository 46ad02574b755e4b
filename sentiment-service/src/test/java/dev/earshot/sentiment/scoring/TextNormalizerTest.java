package dev.earshot.sentiment.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    @Test
    void decodesLiteralUnicodeEscapesAsInTheTrainingFile() {
        assertEquals("plus, tomorrow is awareness day's",
                TextNormalizer.normalize("Plus\\u002c tomorrow is Awareness Day\\u2019s"));
    }

    @Test
    void decodesHtmlEntitiesIncludingDoubleEncodedAndNumeric() {
        assertEquals("fish & chips < 5 \"quoted\" it's", TextNormalizer.normalize(
                "Fish &amp;amp; chips &lt; 5 &quot;quoted&quot; it&#39;s"));
        assertEquals("café", TextNormalizer.normalize("caf&#xE9;"));
        assertEquals("&unknown; stays", TextNormalizer.normalize("&unknown; stays"));
    }

    @Test
    void replacesUrlsAndHandlesKeepsHashtagWords() {
        assertEquals("xxuser look at xxurl and xxurl getin tonight",
                TextNormalizer.normalize("@Francesco_con40 look at http://t.co/Xzl4LFhs and www.acme.com #GetIn tonight"));
    }

    @Test
    void squeezesElongationsAndRepeatedPunctuation() {
        assertEquals("soo good!! really??", TextNormalizer.normalize("Sooooo GOOOOOD!!!!! really?????"));
    }

    @Test
    void dropsAStrayLeadingQuoteAndCollapsesWhitespace() {
        assertEquals("i love it", TextNormalizer.normalize("\"I   love\n it"));
        assertEquals("", TextNormalizer.normalize("   "));
        assertEquals("", TextNormalizer.normalize(null));
    }

    @Test
    void keepsEmoticonsAsTokens() {
        String[] tokens = TextNormalizer.normalizeAndTokenize("Great day :) but the bus was late :( <3 ;-) :D");
        assertArrayEquals(new String[] {"great", "day", ":)", "but", "the", "bus", "was", "late", ":(", "<3", ";-)", ":d"},
                tokens);
    }

    @Test
    void tokensKeepContractionsQuestionMarksAndEmojiButDropOtherPunctuation() {
        assertArrayEquals(new String[] {"don't", "do", "that", "!", "why", "?", "😡"},
                TextNormalizer.normalizeAndTokenize("Don't do that! Why? 😡 ..."));
        assertArrayEquals(new String[] {"meet", "at", "12", "30"}, TextNormalizer.normalizeAndTokenize("meet at 12:30"));
    }
}
