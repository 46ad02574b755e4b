package dev.earshot.sentiment.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.earshot.sentiment.contract.Sentiment;

class SentimentModelTest {

    private static Sentiment score(String text) {
        return Fixtures.SENTIMENT.score(TextNormalizer.normalize(text));
    }

    @Test
    void labelsClearCases() {
        assertEquals("negative", score("worst support ever, I hate this app").label());
        assertEquals("positive", score("love the new update, thank you! :)").label());
        assertEquals("neutral", score("The meeting is scheduled for Tuesday at 3pm").label());
    }

    @Test
    void scoreBlendsPositiveMinusNegativeWithTheLexiconAndProbabilitiesSumToOne() {
        String text = "not great, the app keeps crashing";
        Sentiment sentiment = score(text);
        assertEquals(List.of("negative", "neutral", "positive"), List.copyOf(sentiment.probabilities().keySet()));
        assertEquals(1, sentiment.probabilities().values().stream().mapToDouble(Double::doubleValue).sum(), 0.001);
        double w = Fixtures.SENTIMENT_METADATA.decision().lexiconWeight();
        double compound = Fixtures.SENTIMENT.evidence(TextNormalizer.normalizeAndTokenize(text))[3];
        assertEquals((1 - w) * (sentiment.probability("positive") - sentiment.probability("negative")) + w * compound,
                sentiment.score(), 0.0003);
        assertEquals(sentiment.label(), Fixtures.SENTIMENT.label(Fixtures.SENTIMENT.evidence(
                TextNormalizer.normalizeAndTokenize(text))));
        assertTrue(sentiment.score() >= -1 && sentiment.score() <= 1);
    }

    @Test
    void theWeightTableAnswersExactlyWhatOpenNlpAnswers() {
        for (SentimentModel model : Fixtures.SENTIMENT_BY_LANGUAGE.values()) {
            for (String text : new String[] {"not great, the app keeps crashing", "love it :)", "", "lol ok",
                "Der Dienst ist komplett ausgefallen", "xxurl"}) {
                String[] tokens = TextNormalizer.normalizeAndTokenize(text);
                double[] ours = model.eval(tokens);
                double[] openNlp = model.evalByOpenNlp(tokens);
                for (int i = 0; i < 3; i++) {
                    assertEquals(openNlp[i], ours[i], 1e-9, text);
                }
            }
        }
    }

    @Test
    void driversAreTheTokensThatPushedTheLabelWithSignedWeights() {
        Sentiment negative = score("the support was terrible and the app is useless");
        assertFalse(negative.drivers().isEmpty());
        assertTrue(negative.drivers().size() <= SentimentModel.MAX_DRIVERS);
        Sentiment.Driver top = negative.drivers().get(0);
        assertTrue(top.weight() < 0, negative.drivers().toString());
        assertTrue(List.of("terrible", "useless").contains(top.token()), negative.drivers().toString());
        for (int i = 1; i < negative.drivers().size(); i++) {
            assertTrue(Math.abs(negative.drivers().get(i - 1).weight()) >= Math.abs(negative.drivers().get(i).weight()));
        }
        Sentiment positive = score("great job, I love it");
        assertTrue(positive.drivers().stream().anyMatch(d -> d.token().equals("love") && d.weight() > 0),
                positive.drivers().toString());
        assertTrue(negative.drivers().stream().noneMatch(d -> d.token().startsWith("xx") || d.token().equals(",")));
    }

    @Test
    void removingTheTopDriverMovesTheScoreTheWayItsWeightSays() {
        String text = "honestly the new dashboard is awful, i can't find anything";
        String[] tokens = TextNormalizer.normalizeAndTokenize(text);
        Sentiment full = Fixtures.SENTIMENT.score(tokens, true);
        Sentiment.Driver top = full.drivers().get(0);
        String[] without = Arrays.stream(tokens).filter(t -> !t.equals(top.token())).toArray(String[]::new);
        Sentiment withoutTop = Fixtures.SENTIMENT.score(without, false);
        // a negative pull removed raises the score, a positive one lowers it
        assertEquals(Math.signum(top.weight()), Math.signum(full.score() - withoutTop.score()), full + " vs " + withoutTop);
    }

    @Test
    void anEmptyTokenListIsScoredAsNothing() {
        Sentiment nothing = Fixtures.SENTIMENT.score(new String[0], true);
        assertEquals(3, nothing.probabilities().size());
        assertTrue(nothing.drivers().isEmpty());
    }
}
