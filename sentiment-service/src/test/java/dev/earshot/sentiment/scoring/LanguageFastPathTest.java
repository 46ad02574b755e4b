package dev.earshot.sentiment.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@link LanguageIdentifier#language} (the scoring path, which skips the n-gram model on clearly
 * English text) answers what {@link LanguageIdentifier#identify} answers, on the intent set, every
 * string literal of the module's tests and posts in languages that share short words with English.
 */
class LanguageFastPathTest {

    private static final List<String> NEAR_ENGLISH = List.of(
            "Is het in de app ook zo dat je niet kan inloggen sinds de update van gisteren?",
            "Ik heb al een week geen antwoord van de klantenservice, dit is echt niet normaal",
            "Die app is baie stadig vandag en ek kan nie my rekening oopmaak nie, help asseblief",
            "lmao so anong pake mo kung may gf si louis at the same time magkakaanak siya with briana?",
            "grabe ang bagal ng app today, sana ayusin niyo na po kasi kailangan ko for work",
            "Siapa duduk Putrajaya and can pick me up at the airport this Friday? Kite belanje minyak masak!",
            "Aplikasinya error lagi dari tadi pagi, tolong dong diperbaiki secepatnya ya min",
            "Ich habe in der App kein Konto mehr und der Support antwortet nicht, was ist da los?",
            "Je ne peux plus me connecter depuis la mise à jour, est-ce que quelqu'un a une solution?",
            "No puedo entrar a mi cuenta desde ayer y nadie me responde, que pasa con el servicio",
            "A app não abre desde ontem e ninguém responde, o que está acontecendo com vocês?",
            "L'app non funziona da ieri sera e il servizio clienti non risponde a nessuno",
            "Appen fungerar inte sedan i morse och ingen svarar på mina meddelanden",
            "Och aye, the app's no working the day an a cannae get a hud o onybody at aw",
            "I want a refund for the order I placed last week, it never came and nobody answers",
            "the app is down again and I can't get any work done today, please fix it",
            "is it just me or is the new update really slow on my phone",
            "Die Rechnung ist falsch: I was charged twice for the same order, bitte korrigieren");

    private static List<String> texts() {
        List<String> texts = new ArrayList<>(RulesEquivalenceTest.corpus());
        texts.addAll(NEAR_ENGLISH);
        return texts;
    }

    @Test
    void theScoringPathAnswersWhatTheFullIdentificationAnswers() {
        int skipped = 0;
        for (String raw : texts()) {
            String normalized = TextNormalizer.normalize(raw);
            for (String hint : new String[] {null, "de", "pt-BR"}) {
                assertEquals(Fixtures.LANGUAGES.identify(normalized, hint).language(),
                        Fixtures.LANGUAGES.language(normalized, hint), raw + " / hint " + hint);
            }
            if (LanguageIdentifier.clearlyEnglish(LanguageIdentifier.lettersOnly(normalized))) {
                skipped++;
            }
        }
        assertTrue(skipped > 200, "clearly English: " + skipped);
    }

    @Test
    void clearlyEnglishNeedsAsciiWordsAndEnoughFrequentEnglishWords() {
        assertTrue(LanguageIdentifier.clearlyEnglish("the app is down again and i can't log in"));
        assertFalse(LanguageIdentifier.clearlyEnglish("lol ok"));
        assertFalse(LanguageIdentifier.clearlyEnglish("is het in de app ook zo dat je niet kan inloggen"));
        assertFalse(LanguageIdentifier.clearlyEnglish("the app is down and i can't log in café"));
        assertFalse(LanguageIdentifier.clearlyEnglish(""));
    }
}
