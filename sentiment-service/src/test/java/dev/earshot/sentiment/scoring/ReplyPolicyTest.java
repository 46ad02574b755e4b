package dev.earshot.sentiment.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.earshot.sentiment.contract.Mention;
import dev.earshot.sentiment.contract.ScoredMention;

class ReplyPolicyTest {

    private final TextAnalyzer analyzer = Fixtures.analyzer(5000,
            new ReplyPolicy(Set.of("rss"), Map.of("mastodon", List.of("@Acme", "acme_support"))));

    private static Mention mention(String source, String handle, String title, String text) {
        return new Mention(1, source + ":x:1", source, "x", "1", "https://example.com/1", null, null,
                new Mention.Author("a1", handle, handle, 50_000L, null), title, text, null, Instant.EPOCH, Instant.EPOCH,
                new Mention.Engagement(200L, 10L, 5L), List.of("brand"), null, null, null);
    }

    @Test
    void aNewsArticleIsTieredByWhatItReportsButNeedsNoReply() {
        ScoredMention news = analyzer.score(mention("rss", "The Daily", "Acme suffers data breach",
                "Hackers stole customer passwords in a data leak at Acme; the service was down for hours."));
        assertFalse(news.urgency().needsReply());
        assertTrue(news.urgency().reasons().contains(UrgencyScorer.NEWS), news.urgency().reasons().toString());
        assertTrue(news.urgency().reasons().contains(UrgencyScorer.SECURITY));
        assertTrue(news.urgency().score() >= 0.55, news.urgency().toString());
        // reach and engagement raise posts that need an answer, not news
        assertFalse(news.urgency().reasons().contains(UrgencyScorer.REACH));

        ScoredMention sameOnMastodon = analyzer.score(mention("mastodon", "someone", null,
                "Acme suffers data breach. Hackers stole customer passwords in a data leak at Acme; the service was"
                        + " down for hours."));
        assertTrue(sameOnMastodon.urgency().needsReply());
    }

    @Test
    void thePostsOfTheBrandsOwnAccountsNeverNeedAReply() {
        ScoredMention own = analyzer.score(mention("mastodon", "ACME", null,
                "We are investigating an outage of sync, sorry! Can you tell us if login works for you?"));
        assertFalse(own.urgency().needsReply());
        assertEquals(0, own.urgency().score());
        assertEquals(List.of(UrgencyScorer.OWN_ACCOUNT), own.urgency().reasons());
        assertFalse(analyzer.score(mention("mastodon", "@acme_support", null, "Sync is down, looking into it"))
                .urgency().needsReply());
        // the same handle on another platform is someone else
        assertTrue(analyzer.score(mention("bluesky", "acme", null, "Sync is down for everyone, is anyone looking?"))
                .urgency().needsReply());
    }
}
