package dev.earshot.sentiment.scoring;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.sentiment.config.SentimentConfig;
import dev.earshot.sentiment.model.Sentiment;
import dev.earshot.sentiment.model.Urgency;

/**
 * A first, explainable urgency score: each rule that fires adds its weight and its reason; the sum
 * is capped at 1 and mapped to a level with the configured thresholds.
 */
@ApplicationScoped
public class UrgencyScorer {

    public static final String OUTAGE = "mentions an outage";
    public static final String SECURITY = "mentions account security";
    public static final String LEGAL = "threatens legal action";
    public static final String CHURN = "threatens to cancel";
    public static final String BILLING = "mentions money or billing";
    public static final String STRONGLY_NEGATIVE = "strongly negative";
    public static final String NEGATIVE = "negative tone";
    public static final String QUESTION = "asks a direct question";
    public static final String REACH = "author has a large reach";
    public static final String ENGAGEMENT = "post is drawing engagement";

    private final SentimentConfig.Urgency config;

    public UrgencyScorer(SentimentConfig config) {
        this.config = config.urgency();
    }

    /**
     * @param followers the author's followers, null when unknown
     * @param engagement likes + replies + shares, null when unknown
     */
    public Urgency score(String normalizedText, Sentiment sentiment, Long followers, Long engagement) {
        List<String> reasons = new ArrayList<>();
        double score = 0;
        if (Rules.OUTAGE.matcher(normalizedText).find()) {
            score += 0.35;
            reasons.add(OUTAGE);
        }
        if (Rules.SECURITY.matcher(normalizedText).find()) {
            score += 0.35;
            reasons.add(SECURITY);
        }
        if (Rules.LEGAL.matcher(normalizedText).find()) {
            score += 0.35;
            reasons.add(LEGAL);
        }
        if (Rules.CHURN.matcher(normalizedText).find()) {
            score += 0.3;
            reasons.add(CHURN);
        }
        if (Rules.BILLING.matcher(normalizedText).find()) {
            score += 0.2;
            reasons.add(BILLING);
        }
        double negativity = sentiment.probability("negative");
        if (negativity >= config.strongNegativity()) {
            score += 0.25;
            reasons.add(STRONGLY_NEGATIVE);
        } else if ("negative".equals(sentiment.label())) {
            score += 0.1;
            reasons.add(NEGATIVE);
        }
        if (Rules.asksQuestion(normalizedText)) {
            score += 0.1;
            reasons.add(QUESTION);
        }
        if (followers != null && followers >= config.largeReachFollowers()) {
            score += 0.15;
            reasons.add(REACH);
        }
        if (engagement != null && engagement >= config.highEngagement()) {
            score += 0.1;
            reasons.add(ENGAGEMENT);
        }
        score = SentimentScorer.round(Math.min(1d, score));
        return new Urgency(score, level(score), List.copyOf(reasons));
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
