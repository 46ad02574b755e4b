package dev.earshot.sentiment.scoring;

import java.util.ArrayList;
import java.util.List;

import dev.earshot.sentiment.config.SentimentConfig;
import dev.earshot.sentiment.contract.Sentiment;
import dev.earshot.sentiment.contract.Urgency;

/**
 * An explainable urgency score from what the post says (its intents and sentiment) and how far it
 * reaches (the author's followers, the post's engagement): each signal that fires adds its weight
 * and its reason, and continuous evidence of a complaint (P(negative), the complaint model's
 * probability, an {@code @handle}) orders posts of equal weights within less than one weight step; the
 * sum is capped at 1 and mapped to a level with the configured thresholds. Also
 * decides whether a human needs to answer at all: not for spam, not for praise without a question,
 * not for neutral chatter, not for news articles, not for the brand's own posts.
 */
public class UrgencyScorer {

    public static final String OUTAGE = "mentions an outage";
    public static final String SECURITY = "mentions account security";
    public static final String LEGAL = "threatens legal action";
    public static final String CHURN = "threatens to cancel";
    public static final String BILLING = "mentions money or billing";
    public static final String COMPLAINT = "complains";
    public static final String STRONGLY_NEGATIVE = "strongly negative";
    public static final String NEGATIVE = "negative tone";
    public static final String QUESTION = "asks a direct question";
    public static final String REACH = "author has a large reach";
    public static final String VERY_LARGE_REACH = "author has a very large reach";
    public static final String ENGAGEMENT = "post is drawing engagement";
    public static final String SPAM = "looks like spam";
    public static final String NEWS = "news article: for awareness, not for a reply";
    public static final String OWN_ACCOUNT = "posted by the brand's own account";

    /**
     * A complaint to the brand outranks chatter of the same tone. This and the other weights were
     * tuned on the labelled tier set ({@code src/test/resources/agreement/tier-set.tsv},
     * {@code TierAgreementTest}).
     */
    static final double COMPLAINT_WEIGHT = 0.2;
    /**
     * The share of the score that orders posts whose signals weigh the same: the mean of P(negative), the
     * complaint model's probability and whether the post addresses an account, times this. Below the smallest
     * step of the weights (0.05) and of the levels, so it never moves a post to another level; without it, every
     * post without a signal would tie at 0 and a ranking by urgency could not tell a complaint from chatter.
     */
    static final double EVIDENCE_WEIGHT = 0.049;

    private final SentimentConfig.Urgency config;

    public UrgencyScorer(SentimentConfig.Urgency config) {
        this.config = config;
    }

    /**
     * @param intents the post's intents ({@link IntentDetector#INTENTS})
     * @param followers the author's followers, null when unknown
     * @param engagement likes + replies + shares, null when unknown
     */
    public Urgency score(Sentiment sentiment, List<String> intents, Long followers, Long engagement) {
        return score(sentiment, intents, followers, engagement, ReplyPolicy.Origin.PUBLIC_POST);
    }

    /**
     * @param origin a news article is scored by what it reports but never needs a reply (and its reach
     *        does not count); a post of the brand's own account needs nothing: urgency 0, no reply
     */
    public Urgency score(Sentiment sentiment, List<String> intents, Long followers, Long engagement,
            ReplyPolicy.Origin origin) {
        return score(sentiment, intents, 0, false, followers, engagement, origin);
    }

    /**
     * @param complaintProbability the complaint model's P(complaint), 0 where no model ran
     * @param addressed whether the post names an account ({@code @handle})
     */
    public Urgency score(Sentiment sentiment, List<String> intents, double complaintProbability, boolean addressed,
            Long followers, Long engagement, ReplyPolicy.Origin origin) {
        if (origin == ReplyPolicy.Origin.OWN_ACCOUNT) {
            return new Urgency(0, level(0), List.of(OWN_ACCOUNT), false);
        }
        if (intents.contains(IntentDetector.SPAM)) {
            return new Urgency(0, level(0), List.of(SPAM), false);
        }
        List<String> reasons = new ArrayList<>(4);
        double score = 0;
        if (intents.contains(IntentDetector.OUTAGE)) {
            score += 0.35;
            reasons.add(OUTAGE);
        }
        if (intents.contains(IntentDetector.ACCOUNT_SECURITY)) {
            score += 0.6;
            reasons.add(SECURITY);
        }
        if (intents.contains(IntentDetector.LEGAL_THREAT)) {
            score += 0.45;
            reasons.add(LEGAL);
        }
        if (intents.contains(IntentDetector.CHURN_RISK)) {
            score += 0.05;
            reasons.add(CHURN);
        }
        if (intents.contains(IntentDetector.BILLING)) {
            score += 0.2;
            reasons.add(BILLING);
        }
        double negativity = sentiment.probability("negative");
        if (negativity >= config.strongNegativity()) {
            score += 0.2;
            reasons.add(STRONGLY_NEGATIVE);
        } else if ("negative".equals(sentiment.label())) {
            score += 0.1;
            reasons.add(NEGATIVE);
        }
        if (intents.contains(IntentDetector.COMPLAINT)) {
            score += COMPLAINT_WEIGHT;
            reasons.add(COMPLAINT);
        }
        if (intents.contains(IntentDetector.QUESTION)) {
            score += 0.1;
            reasons.add(QUESTION);
        }
        boolean needsReply = origin == ReplyPolicy.Origin.PUBLIC_POST && needsReply(sentiment, intents);
        if (origin == ReplyPolicy.Origin.NEWS) {
            reasons.add(NEWS);
        }
        // reach raises a post that needs an answer; it does not make a compliment urgent
        if (needsReply && followers != null && followers >= config.largeReachFollowers()) {
            boolean veryLarge = followers >= 10 * config.largeReachFollowers();
            score += veryLarge ? 0.25 : 0.15;
            reasons.add(veryLarge ? VERY_LARGE_REACH : REACH);
        }
        if (needsReply && engagement != null && engagement >= config.highEngagement()) {
            score += 0.1;
            reasons.add(ENGAGEMENT);
        }
        double evidence = (negativity + complaintProbability + (addressed ? 1 : 0)) / 3;
        score = SentimentModel.round(Math.min(1d, score + EVIDENCE_WEIGHT * evidence));
        return new Urgency(score, level(score), List.copyOf(reasons), needsReply);
    }

    static boolean needsReply(Sentiment sentiment, List<String> intents) {
        for (String intent : intents) {
            if (!intent.equals(IntentDetector.PRAISE)) {
                return true;
            }
        }
        return "negative".equals(sentiment.label());
    }

    String level(double score) {
        if (score >= config.critical()) {
            return "critical";
        }
        if (score >= config.high()) {
            return "high";
        }
        if (score >= config.medium()) {
            return "medium";
        }
        return "low";
    }
}
