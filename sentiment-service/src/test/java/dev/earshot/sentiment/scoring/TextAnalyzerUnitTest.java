package dev.earshot.sentiment.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The scoring path without CDI, as the benchmark runs it. */
class TextAnalyzerUnitTest {

    private final TextAnalyzer analyzer = Fixtures.analyzer(200);

    @Test
    void englishGetsTheFullPath() {
        TextAnalyzer.Analysis analysis = analyzer.analyze("Acme is down again and support ignores me", null, null, null);
        assertEquals("en", analysis.language());
        assertTrue(analysis.languageSupported());
        assertEquals("negative", analysis.sentiment().label());
        assertFalse(analysis.sentiment().drivers().isEmpty());
        assertTrue(analysis.intents().contains(IntentDetector.OUTAGE));
        assertTrue(analysis.urgency().needsReply());
    }

    @Test
    void otherLanguagesAreNotGuessedButSaySo() {
        TextAnalyzer.Analysis analysis = analyzer.analyze(
                "Der Dienst ist seit heute Morgen komplett ausgefallen und niemand antwortet auf meine Nachrichten",
                null, null, null);
        assertEquals("de", analysis.language());
        assertFalse(analysis.languageSupported());
        assertEquals("neutral", analysis.sentiment().label());
        assertEquals(0, analysis.sentiment().score());
        assertTrue(analysis.sentiment().drivers().isEmpty());
    }

    @Test
    void longTextsAreCutToTheLimitAndFlagged() {
        assertTrue(analyzer.analyze("great ".repeat(100), null, null, null).truncated());
        assertFalse(analyzer.analyze("great", null, null, null).truncated());
        // a cut never splits a surrogate pair
        String emoji = "a".repeat(199) + "😀😀";
        assertTrue(analyzer.analyze(emoji, null, null, null).truncated());
    }

    @Test
    void emptyBinaryOrPunctuationOnlyTextCannotBeScored() {
        assertEquals("text is empty",
                assertThrows(TextAnalyzer.UnscorableTextException.class, () -> analyzer.analyze(" ", null, null, null))
                        .getMessage());
        String binary = "\u0000\u0001\u0002PNG\u0003\u0004\u0005\uFFFD\uFFFD";
        assertTrue(assertThrows(TextAnalyzer.UnscorableTextException.class,
                () -> analyzer.analyze(binary, null, null, null)).getMessage().contains("binary"));
        assertTrue(assertThrows(TextAnalyzer.UnscorableTextException.class,
                () -> analyzer.analyze("... !!! ?? https://acme.example", null, null, null)).getMessage()
                .contains("nothing left"));
    }
}
