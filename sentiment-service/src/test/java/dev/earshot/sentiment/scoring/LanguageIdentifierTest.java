package dev.earshot.sentiment.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import opennlp.tools.langdetect.LanguageDetectorContextGenerator;
import opennlp.tools.langdetect.LanguageDetectorModel;

class LanguageIdentifierTest {

    private static LanguageIdentifier.Result identify(String text, String hint) {
        return Fixtures.LANGUAGES.identify(TextNormalizer.normalize(text), hint);
    }

    @Test
    void longPostsGoToTheOpenNlpModel() {
        LanguageIdentifier.Result german = identify(
                "Die neue Version der App stürzt bei jedem Start ab und der Kundendienst antwortet nicht", null);
        assertEquals("de", german.language());
        assertEquals("model", german.method());
        assertEquals("fr", identify("Le service client ne répond jamais, c'est vraiment inacceptable pour un abonnement"
                + " payant", null).language());
        assertEquals("es", identify("La aplicación no funciona desde ayer y nadie responde a mis correos", null)
                .language());
        assertEquals("en", identify("The new version of the app crashes every time I open it and support never"
                + " answers", null).language());
    }

    @Test
    void shortEnglishPostsFallBackToEnglishWordEvidence() {
        LanguageIdentifier.Result lolOk = identify("lol ok", null);
        assertEquals("en", lolOk.language());
        assertEquals("short-post", lolOk.method());
        assertEquals("en", identify("@acme pls fix", null).language());
        assertEquals("en", identify("is it down?", null).language());
    }

    @Test
    void ourNGramsAreExactlyWhatTheModelsOwnContextGeneratorMakesOfNormalisedText() throws IOException {
        LanguageDetectorContextGenerator theirs;
        try (InputStream in = Resources.open(LanguageIdentifier.MODEL_RESOURCE)) {
            theirs = new LanguageDetectorModel(in).getFactory().getContextGenerator();
        }
        for (String raw : new String[] {"lol ok", "Sooooo GOOD!!! https://acme.example #win @bob 42",
            "Der Dienst ist seit heute Morgen ausgefallen", "c'est vraiment inacceptable"}) {
            String letters = LanguageIdentifier.lettersOnly(TextNormalizer.normalize(raw));
            Set<String> expected = Arrays.stream(theirs.getContext(letters)).map(gram -> gram.toString())
                    .collect(Collectors.toSet());
            assertEquals(expected, Set.of(LanguageIdentifier.context(letters)), raw);
        }
    }

    @Test
    void whatNeitherKnowsIsUndeterminedOrTheHint() {
        assertEquals("und", identify("qwxz brrr", null).language());
        assertEquals("und", identify("😀😀 https://acme.example", null).language());
        assertEquals("pt", identify("valeu mano", "pt-BR").language());
        assertEquals("und", identify("ありがとう", null).language());
    }
}
