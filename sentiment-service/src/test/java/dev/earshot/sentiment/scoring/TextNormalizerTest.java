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
        assertEquals("soo good!! really?? xxelong", TextNormalizer.normalize("Sooooo goooood!!!!! really?????"));
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
    void tokensKeepContractionsClausePunctuationAndEmojiButDropOtherSymbols() {
        assertArrayEquals(new String[] {"don't", "do", "that", "!", "why", "?", "😡", ".", ".", "ok"},
                TextNormalizer.normalizeAndTokenize("Don't do that! Why? 😡 ... (ok)"));
        assertArrayEquals(new String[] {"meet", "at", "12", ":", "30", ",", "ok"},
                TextNormalizer.normalizeAndTokenize("meet at 12:30, ok"));
    }

    @Test
    void marksElongationAndShoutingThatLowercasingWouldLose() {
        assertEquals("this is not ok xxshout", TextNormalizer.normalize("this is NOT ok"));
        assertEquals("all caps is not shouting", TextNormalizer.normalize("ALL CAPS IS NOT SHOUTING"));
        assertEquals("noo way xxelong xxshout", TextNormalizer.normalize("NOOOO way"));
        assertEquals("xxuser said hi", TextNormalizer.normalize("@ACME said hi"), "a handle is not shouting");
        assertArrayEquals(new String[] {"soo", "xxelong"}, TextNormalizer.normalizeAndTokenize("sooooo"),
                "the marker is a token of its own");
    }

    @Test
    void emptyOrMarkupOnlyTextNormalisesToNothingOrPlaceholders() {
        assertEquals("", TextNormalizer.normalize("\"\""));
        assertArrayEquals(new String[] {"xxurl"}, TextNormalizer.normalizeAndTokenize("https://acme.example/x"));
    }
}
