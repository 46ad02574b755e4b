package dev.earshot.sentiment.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.earshot.sentiment.contract.Sentiment;
import dev.earshot.sentiment.contract.Urgency;

class UrgencyScorerTest {

    private static final Sentiment NEGATIVE = sentiment("negative", 0.85);
    private static final Sentiment NEUTRAL = sentiment("neutral", 0.1);
    private static final Sentiment POSITIVE = new Sentiment("positive", 0.8,
            Map.of("negative", 0.05, "neutral", 0.1, "positive", 0.85), List.of());

    private static Sentiment sentiment(String label, double negative) {
        return new Sentiment(label, -negative, Map.of("negative", negative, "neutral", 1 - negative, "positive", 0d),
                List.of());
    }

    private final UrgencyScorer scorer = Fixtures.URGENCY;

    @Test
    void outageChurnAndNegativityWithReachAreCriticalWithReasons() {
        Urgency urgency = scorer.score(NEGATIVE, List.of(IntentDetector.OUTAGE, IntentDetector.CHURN_RISK), 150_000L,
                500L);
        assertEquals(List.of(UrgencyScorer.OUTAGE, UrgencyScorer.CHURN, UrgencyScorer.STRONGLY_NEGATIVE,
                UrgencyScorer.VERY_LARGE_REACH, UrgencyScorer.ENGAGEMENT), urgency.reasons());
        // 0.35 + 0.05 + 0.2 + 0.25 + 0.1, and the evidence: 0.049 x (P(negative) 0.85 + 0 + 0) / 3
        assertEquals(0.95 + 0.049 * 0.85 / 3, urgency.score(), 1e-4);
        assertEquals("critical", urgency.level());
        assertTrue(urgency.needsReply());
    }

    @Test
    void aSecurityReportIsHighOnItsOwnAndANewsArticleIsTieredButNotForAReply() {
        Urgency security = scorer.score(NEUTRAL, List.of(IntentDetector.ACCOUNT_SECURITY), null, null);
        assertEquals("high", security.level());
        Urgency news = scorer.score(NEGATIVE, List.of(IntentDetector.ACCOUNT_SECURITY, IntentDetector.OUTAGE),
                1_000_000L, 5_000L, ReplyPolicy.Origin.NEWS);
        assertFalse(news.needsReply());
        assertEquals(List.of(UrgencyScorer.OUTAGE, UrgencyScorer.SECURITY, UrgencyScorer.STRONGLY_NEGATIVE,
                UrgencyScorer.NEWS), news.reasons());
        assertEquals("critical", news.level());
        Urgency own = scorer.score(NEGATIVE, List.of(IntentDetector.OUTAGE), 50_000L, null,
                ReplyPolicy.Origin.OWN_ACCOUNT);
        assertEquals(List.of(UrgencyScorer.OWN_ACCOUNT), own.reasons());
        assertFalse(own.needsReply());
    }

    @Test
    void aPlainQuestionNeedsAReplyAtLowUrgency() {
        Urgency urgency = scorer.score(NEUTRAL, List.of(IntentDetector.QUESTION), null, null);
        assertEquals(List.of(UrgencyScorer.QUESTION), urgency.reasons());
        assertEquals("low", urgency.level());
        assertTrue(urgency.needsReply());
    }

    @Test
    void praiseChatterAndSpamNeedNoReplyAndReachDoesNotMakeThemUrgent() {
        Urgency praise = scorer.score(POSITIVE, List.of(IntentDetector.PRAISE), 1_000_000L, 10_000L);
        assertFalse(praise.needsReply());
        assertEquals(0.049 * 0.05 / 3, praise.score(), 1e-4); // nothing but the evidence of P(negative) 0.05
        assertEquals("low", praise.level());
        assertFalse(scorer.score(NEUTRAL, List.of(), null, null).needsReply());
        Urgency spam = scorer.score(NEGATIVE, List.of(IntentDetector.SPAM, IntentDetector.BILLING), 50_000L, null);
        assertEquals(List.of(UrgencyScorer.SPAM), spam.reasons());
        assertEquals(0, spam.score());
        assertFalse(spam.needsReply());
    }

    @Test
    void aNegativePostWithoutIntentStillNeedsAReply() {
        Urgency urgency = scorer.score(sentiment("negative", 0.5), List.of(), 20_000L, null);
        assertTrue(urgency.needsReply());
        assertEquals(List.of(UrgencyScorer.NEGATIVE, UrgencyScorer.REACH), urgency.reasons());
        assertEquals("low", urgency.level());
        assertEquals(0.25 + 0.049 * 0.5 / 3, urgency.score(), 1e-4);
    }

    @Test
    void evidenceOfAComplaintOrdersPostsOfEqualWeightsWithoutChangingTheirLevel() {
        Sentiment mild = sentiment("neutral", 0.4);
        Urgency chatter = scorer.score(mild, List.of(), 0.05, false, null, null, ReplyPolicy.Origin.PUBLIC_POST);
        Urgency toTheBrand = scorer.score(mild, List.of(), 0.3, true, null, null, ReplyPolicy.Origin.PUBLIC_POST);
        assertTrue(toTheBrand.score() > chatter.score(), toTheBrand + " vs " + chatter);
        assertEquals(chatter.reasons(), toTheBrand.reasons());
        // all the evidence there is stays below the next weight step
        Urgency most = scorer.score(sentiment("negative", 0.59), List.of(IntentDetector.COMPLAINT, IntentDetector.BILLING,
                IntentDetector.QUESTION), 0.99, true, null, null, ReplyPolicy.Origin.PUBLIC_POST);
        assertEquals(List.of(UrgencyScorer.BILLING, UrgencyScorer.NEGATIVE, UrgencyScorer.COMPLAINT,
                UrgencyScorer.QUESTION), most.reasons());
        assertEquals("high", most.level()); // 0.2 + 0.1 + 0.2 + 0.1 = 0.6, plus under 0.049
        assertTrue(most.score() < 0.65, most.toString());
        Urgency spam = scorer.score(sentiment("negative", 0.9), List.of(IntentDetector.SPAM), 0.9, true, null, null,
                ReplyPolicy.Origin.PUBLIC_POST);
        assertEquals(0, spam.score());
    }
}
