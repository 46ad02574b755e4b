package dev.earshot.sentiment.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class IntentDetectorTest {

    private static List<String> detect(String text) {
        return Fixtures.INTENTS.detect(TextNormalizer.normalize(text));
    }

    @Test
    void recognisesEachIntent() {
        assertTrue(detect("the acme api is down, every call fails with 503").contains(IntentDetector.OUTAGE));
        assertTrue(detect("I was charged twice this month, please refund me").contains(IntentDetector.BILLING));
        assertTrue(detect("someone hacked my account and changed the password")
                .contains(IntentDetector.ACCOUNT_SECURITY));
        assertTrue(detect("I'm cancelling my subscription and switching to a competitor")
                .contains(IntentDetector.CHURN_RISK));
        assertTrue(detect("my lawyer will be in touch about this").contains(IntentDetector.LEGAL_THREAT));
        assertTrue(detect("how do I export my data?").contains(IntentDetector.QUESTION));
        assertTrue(detect("worst customer service ever, so disappointed").contains(IntentDetector.COMPLAINT));
        assertTrue(detect("thank you acme, the new release is fantastic").contains(IntentDetector.PRAISE));
        assertTrue(detect("Earn $500 a day from home, link in bio").contains(IntentDetector.SPAM));
    }

    @Test
    void aPostMayCarrySeveralIntentsOrNone() {
        List<String> intents = detect("Acme has been down all day and I want a refund, I'm cancelling");
        assertTrue(intents.containsAll(List.of(IntentDetector.OUTAGE, IntentDetector.BILLING,
                IntentDetector.CHURN_RISK)), intents.toString());
        assertEquals(List.of(), detect("Acme announced a new office in Berlin today"));
    }

    @Test
    void theJoinedLogOddsTableAnswersExactlyWhatEachModelAnswers() {
        for (String text : new String[] {"the acme api is down", "thank you so much!", "refund my money or see you in"
                + " court", "hot singles in your area", "", "lol ok"}) {
            String[] tokens = TextNormalizer.normalizeAndTokenize(text);
            Map<String, Double> fast = Fixtures.INTENTS.probabilities(tokens);
            Map<String, Double> each = Fixtures.INTENTS.probabilitiesByEachModel(tokens);
            for (String intent : IntentDetector.INTENTS) {
                assertEquals(each.get(intent), fast.get(intent), 1e-9, intent + " of " + text);
            }
        }
    }

    @Test
    void theModelsFindWhatNoRuleNames() {
        // no keyword rule covers this phrasing: only the trained model can
        String text = "hot singles in your area click here";
        assertTrue(Fixtures.INTENTS.probabilities(TextNormalizer.normalizeAndTokenize(text))
                .get(IntentDetector.SPAM) > 0.35);
    }

    @Test
    void aModelsComplaintOrPraiseMustAgreeWithTheSentiment() {
        String normalized = TextNormalizer.normalize("the quarterly meeting is scheduled for tuesday at 3pm");
        String[] tokens = TextNormalizer.tokens(normalized);
        double complaint = Fixtures.INTENTS.probabilities(tokens).get(IntentDetector.COMPLAINT);
        List<String> neutral = Fixtures.INTENTS.detect(normalized, tokens, true, "neutral");
        assertFalse(neutral.contains(IntentDetector.COMPLAINT), complaint + " " + neutral);
        assertFalse(neutral.contains(IntentDetector.PRAISE));
    }

    @Test
    void withoutModelsOnlyRulesAnswerAndNegatedPraiseIsNoPraise() {
        String normalized = TextNormalizer.normalize("thank you acme, the new release is fantastic");
        assertEquals(IntentDetector.byRules(normalized),
                Fixtures.INTENTS.detect(normalized, TextNormalizer.tokens(normalized), false, null));
        assertFalse(detect("the support was not great at all").contains(IntentDetector.PRAISE));
    }
}
