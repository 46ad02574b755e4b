package dev.earshot.sentiment.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

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
    void germanSpanishFrenchItalianAndPortugueseGetTheirOwnModelAndRules() {
        TextAnalyzer.Analysis german = analyzer.analyze(
                "Der Dienst ist seit heute Morgen komplett ausgefallen und niemand antwortet, einfach eine Frechheit",
                null, null, null);
        assertEquals("de", german.language());
        assertTrue(german.languageSupported());
        assertFalse(german.sentiment().drivers().isEmpty());
        assertEquals("negative", analyzer.analyze("Was für ein schrecklicher Service, ich bin total enttäuscht und"
                + " wütend", null, null, null).sentiment().label());
        assertTrue(german.intents().containsAll(List.of(IntentDetector.OUTAGE, IntentDetector.COMPLAINT)),
                german.intents().toString());
        assertTrue(german.urgency().needsReply());
        TextAnalyzer.Analysis spanish = analyzer.analyze(
                "Me cobraron dos veces la suscripción este mes y nadie responde, quiero un reembolso", null, null, null);
        assertEquals("es", spanish.language());
        assertTrue(spanish.intents().contains(IntentDetector.BILLING), spanish.intents().toString());
        assertTrue(spanish.urgency().needsReply());
        TextAnalyzer.Analysis french = analyzer.analyze(
                "Merci beaucoup pour la nouvelle version, elle est vraiment géniale et super rapide !", null, null, null);
        assertEquals("fr", french.language());
        assertEquals("positive", french.sentiment().label());
        TextAnalyzer.Analysis italian = analyzer.analyze(
                "Qualcuno mi ha rubato la password e ha fatto accesso al mio account, aiuto", null, null, null);
        assertEquals("it", italian.language());
        assertTrue(italian.intents().contains(IntentDetector.ACCOUNT_SECURITY), italian.intents().toString());
        TextAnalyzer.Analysis portuguese = analyzer.analyze(
                "O aplicativo está fora do ar desde ontem e não consigo acessar minhas notas", null, null, null);
        assertEquals("pt", portuguese.language());
        assertTrue(portuguese.intents().contains(IntentDetector.OUTAGE), portuguese.intents().toString());
    }

    @Test
    void aLanguageWithoutAModelIsNotGuessedButSaysSo() {
        TextAnalyzer.Analysis analysis = analyzer.analyze(
                "De dienst is sinds vanochtend volledig uitgevallen en niemand reageert op mijn berichten",
                null, null, null);
        assertEquals("nl", analysis.language());
        assertFalse(analysis.languageSupported());
        assertEquals("neutral", analysis.sentiment().label());
        assertEquals(0, analysis.sentiment().score());
        assertTrue(analysis.sentiment().drivers().isEmpty());
    }

    @Test
    void aPoliteComplaintIsAComplaintAndOutranksChatter() {
        TextAnalyzer.Analysis polite = analyzer.analyze("still charged twice, can someone look at this?", null, null,
                null);
        assertTrue(polite.intents().contains(IntentDetector.COMPLAINT), polite.intents().toString());
        assertTrue(polite.urgency().needsReply());
        TextAnalyzer.Analysis chatter = analyzer.analyze("watching the game tonight with friends, should be fun", null,
                null, null);
        assertTrue(polite.urgency().score() > chatter.urgency().score(),
                polite.urgency() + " vs " + chatter.urgency());
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
