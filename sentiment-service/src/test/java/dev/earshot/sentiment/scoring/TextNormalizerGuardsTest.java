package dev.earshot.sentiment.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The normaliser skips its elongation, shouting and whitespace patterns when a cheap scan shows they
 * cannot match; these are the edges of those scans, with what the unguarded normaliser answered.
 */
class TextNormalizerGuardsTest {

    @Test
    void guardedPatternsStillApplyWhereTheyMatch() {
        assertEquals("oo", TextNormalizer.normalize("Ooo")); // the run appears only after lowercasing
        assertEquals("oo noo xxelong xxshout", TextNormalizer.normalize("OOOO nooo"));
        assertEquals("soo good", TextNormalizer.normalize("soOOo good"));
        assertEquals("aa fun", TextNormalizer.normalize("#Aaa fun"));
        assertEquals("\uD835\uDC00\uD835\uDC00 ok xxelong xxshout",
                TextNormalizer.normalize("\uD835\uDC00\uD835\uDC00\uD835\uDC00 ok"));
        assertEquals("why is this so bad xxshout", TextNormalizer.normalize("WHY is this SO bad"));
        assertEquals("äöü are caps xxshout", TextNormalizer.normalize("ÄÖÜ are caps"));
    }

    @Test
    void whitespaceIsCollapsedOnlyWhereThereIsSomethingToCollapse() {
        assertEquals("a b c", TextNormalizer.normalize("a\t\tb  c"));
        assertEquals("a b", TextNormalizer.normalize("a\u000Bb"));
        assertEquals("x y", TextNormalizer.normalize("x\r\ny"));
        assertEquals("plain text stays as it is", TextNormalizer.normalize("plain text stays as it is"));
    }
}
