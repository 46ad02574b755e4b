package dev.earshot.sentiment.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class SocialSentimentFeatureGeneratorTest {

    private final SocialSentimentFeatureGenerator generator = new SocialSentimentFeatureGenerator();

    private SocialSentimentFeatureGenerator.Extraction extract(String text) {
        return generator.extract(TextNormalizer.normalizeAndTokenize(text));
    }

    @Test
    void wordsInsideANegationScopeAreMarkedUntilTheClauseEnds() {
        List<String> features = extract("this is not good at all, but fine").features();
        assertTrue(features.contains("w=not_good"), features.toString());
        assertTrue(features.contains("w=not_at"), features.toString());
        assertTrue(features.contains("w=fine"), "the comma ends the scope: " + features);
        assertFalse(features.contains("w=good"), features.toString());
    }

    @Test
    void lexiconValencesAreBucketedAndFlippedByNegation() {
        SocialSentimentFeatureGenerator.Extraction good = extract("good");
        SocialSentimentFeatureGenerator.Extraction notGood = extract("not good");
        assertTrue(good.features().contains("lx=p2"), good.features().toString());
        assertTrue(good.valences()[0] > 0);
        assertTrue(notGood.valences()[1] < 0, "negated: " + notGood.valences()[1]);
        assertTrue(notGood.features().contains("lx=n1"), notGood.features().toString());
    }

    @Test
    void boostersRaiseAndContrastWordsReweightTheClauses() {
        double plain = extract("good").valences()[0];
        SocialSentimentFeatureGenerator.Extraction boosted = extract("very good");
        assertTrue(boosted.valences()[1] > plain);
        assertTrue(boosted.features().contains("lxb=p"), boosted.features().toString());

        SocialSentimentFeatureGenerator.Extraction contrast = extract("the food was good but the service was terrible");
        double before = contrast.valences()[3];
        double after = contrast.valences()[8];
        assertEquals(plain * 0.5, before, 1e-9);
        assertEquals(extract("terrible").valences()[0] * 1.5, after, 1e-9, "after but weighs 1.5 times");
        assertTrue(contrast.features().contains("but=n"), contrast.features().toString());
        assertTrue(contrast.features().contains("mixed"));
    }

    @Test
    void emojiEmoticonsPunctuationAndMarkersBecomeFeatures() {
        List<String> features = extract("WOW this is sooo cool 😍 :) !!").features();
        assertTrue(features.contains("m=xxelong"), features.toString());
        assertTrue(features.contains("excl=2"), features.toString());
        assertTrue(features.contains("w=😍"), features.toString());
        assertTrue(features.stream().filter(f -> f.startsWith("lx=p")).count() >= 3, features.toString());
        assertTrue(features.stream().anyMatch(f -> f.startsWith("cmp=")));
    }

    @Test
    void everyTokenFeatureKnowsWhichTokensItCameFrom() {
        SocialSentimentFeatureGenerator.Extraction extraction = extract("love it");
        for (int k = 0; k < extraction.features().size(); k++) {
            String feature = extraction.features().get(k);
            if (feature.startsWith("w=") || feature.startsWith("b=") || feature.startsWith("lx=")) {
                assertTrue(extraction.from()[k] >= 0 && extraction.to()[k] < extraction.tokens().length, feature);
            }
        }
        assertEquals(extraction.features().size(), extraction.from().length);
    }
}
