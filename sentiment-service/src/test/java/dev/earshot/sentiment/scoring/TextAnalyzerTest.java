package dev.earshot.sentiment.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.earshot.sentiment.contract.Mention;
import dev.earshot.sentiment.contract.ScoredMention;
import dev.earshot.sentiment.contract.Sentiment;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TextAnalyzerTest {

    static final String NEGATIVE = "This is the worst service ever, I hate it. Totally useless and so disappointing";
    static final String POSITIVE = "I love the new update, great job and thank you so much! Best app ever :)";
    static final String NEUTRAL = "The quarterly meeting is scheduled for Tuesday at 3pm in the main building.";

    @Inject
    TextAnalyzer analyzer;

    @Inject
    SentimentScorer scorer;

    @Test
    void clearlyNegativeTextIsNegativeWithAStronglyNegativeReason() {
        TextAnalyzer.Analysis analysis = analyzer.analyze(NEGATIVE, null, null, null);
        assertEquals("negative", analysis.sentiment().label());
        assertTrue(analysis.sentiment().score() < -0.3, "score " + analysis.sentiment().score());
        assertTrue(analysis.urgency().reasons().contains(UrgencyScorer.STRONGLY_NEGATIVE), analysis.urgency().toString());
        assertTrue(analysis.intents().contains(IntentDetector.COMPLAINT), analysis.intents().toString());
        assertFalse(analysis.intents().contains(IntentDetector.PRAISE));
    }

    @Test
    void clearlyPositiveTextIsPositiveAndLowUrgencyPraise() {
        TextAnalyzer.Analysis analysis = analyzer.analyze(POSITIVE, null, null, null);
        assertEquals("positive", analysis.sentiment().label());
        assertTrue(analysis.sentiment().score() > 0.3, "score " + analysis.sentiment().score());
        assertEquals("low", analysis.urgency().level());
        assertTrue(analysis.urgency().reasons().isEmpty(), analysis.urgency().toString());
        assertEquals(List.of(IntentDetector.PRAISE), analysis.intents());
    }

    @Test
    void theConfiguredNewsSourcesAndBrandAccountsNeedNoReply() {
        String text = "Acme is down again, nobody can log in and support does not answer";
        assertTrue(analyzer.score(mention("mastodon", "someone", text)).urgency().needsReply());
        // %test.earshot.sentiment.brand-accounts.mastodon in application.properties
        assertFalse(analyzer.score(mention("mastodon", "@Earshot_Test_Brand", text)).urgency().needsReply());
        ScoredMention news = analyzer.score(mention("rss", "The Daily", text));
        assertFalse(news.urgency().needsReply());
        assertTrue(news.urgency().reasons().contains(UrgencyScorer.NEWS), news.urgency().toString());
        assertTrue(news.intents().contains(IntentDetector.OUTAGE));
    }

    private static Mention mention(String source, String handle, String text) {
        return new Mention(1, source + ":x:1", source, "x", "1", "https://example.com/1", null, null,
                new Mention.Author("a1", handle, handle, 10L, null), null, text, null, Instant.EPOCH, Instant.EPOCH,
                null, List.of("brand"), null, null, null);
    }

    @Test
    void factualTextIsNeutralWithNoIntents() {
        TextAnalyzer.Analysis analysis = analyzer.analyze(NEUTRAL, null, null, null);
        assertEquals("neutral", analysis.sentiment().label());
        assertEquals("low", analysis.urgency().level());
        assertEquals(List.of(), analysis.intents());
    }

    @Test
    void probabilitiesSumToOneAndScoreBlendsPositiveMinusNegativeWithTheLexicon() {
        Sentiment sentiment = scorer.score(TextNormalizer.normalize(NEGATIVE));
        assertEquals(List.of("negative", "neutral", "positive"), List.copyOf(sentiment.probabilities().keySet()));
        double sum = sentiment.probabilities().values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(1.0, sum, 0.001);
        double w = scorer.metadata().decision().lexiconWeight();
        double compound = scorer.model().evidence(TextNormalizer.normalizeAndTokenize(NEGATIVE))[3];
        assertEquals((1 - w) * (sentiment.probability("positive") - sentiment.probability("negative")) + w * compound,
                sentiment.score(), 0.0003);
    }

    @Test
    void outageCancellationAndMoneyMakeItUrgentWithReasons() {
        TextAnalyzer.Analysis analysis = analyzer.analyze(
                "Acme Cloud has been down for an hour and nobody answers. I'm going to cancel my subscription "
                        + "and I want a refund of my $50", null, 50_000L, 250L);
        assertTrue(analysis.urgency().reasons().containsAll(List.of(UrgencyScorer.OUTAGE, UrgencyScorer.CHURN,
                UrgencyScorer.BILLING, UrgencyScorer.REACH, UrgencyScorer.ENGAGEMENT)), analysis.urgency().toString());
        assertEquals("critical", analysis.urgency().level());
        assertEquals(1.0, analysis.urgency().score());
        assertTrue(analysis.intents().containsAll(List.of(IntentDetector.OUTAGE, IntentDetector.CHURN_RISK,
                IntentDetector.BILLING, IntentDetector.COMPLAINT)), analysis.intents().toString());
    }

    @Test
    void directQuestionSecurityAndLegalAreRecognised() {
        TextAnalyzer.Analysis question = analyzer.analyze("How do I change the email on my account?", null, null, null);
        assertTrue(question.urgency().reasons().contains(UrgencyScorer.QUESTION), question.urgency().toString());
        assertTrue(question.intents().contains(IntentDetector.QUESTION));

        TextAnalyzer.Analysis hacked = analyzer.analyze("My account was hacked and someone made unauthorized purchases",
                null, null, null);
        assertTrue(hacked.intents().contains(IntentDetector.ACCOUNT_SECURITY), hacked.intents().toString());
        assertTrue(hacked.urgency().reasons().contains(UrgencyScorer.SECURITY));

        TextAnalyzer.Analysis legal = analyzer.analyze("I'm talking to my lawyer about this", null, null, null);
        assertTrue(legal.intents().contains(IntentDetector.LEGAL_THREAT), legal.intents().toString());
        assertTrue(legal.urgency().reasons().contains(UrgencyScorer.LEGAL));
    }

    @Test
    void negatedPraiseIsNotPraise() {
        assertFalse(analyzer.analyze("the support was not great at all", null, null, null).intents()
                .contains(IntentDetector.PRAISE));
    }

    @Test
    void concurrentScoringGivesTheSameAnswersAsSequential() throws Exception {
        List<String> texts = IntStream.range(0, 300)
                .mapToObj(i -> List.of(NEGATIVE, POSITIVE, NEUTRAL).get(i % 3) + " " + i).toList();
        List<Sentiment> sequential = texts.stream().map(t -> scorer.score(TextNormalizer.normalize(t))).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Sentiment>> futures = texts.stream()
                    .map(t -> pool.submit(() -> scorer.score(TextNormalizer.normalize(t)))).toList();
            for (int i = 0; i < texts.size(); i++) {
                assertEquals(sequential.get(i), futures.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
