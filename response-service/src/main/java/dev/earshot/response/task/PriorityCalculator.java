package dev.earshot.response.task;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Explainable priority: a weighted sum of urgency, negativity, reach (followers or engagement, on a
 * log scale) and conversation size or velocity, with the reasons a human reads next to the score.
 */
@ApplicationScoped
public class PriorityCalculator {

    /**
     * sentiment-service's urgency reasons for what this calculator words itself (tone, reach, engagement), from its
     * own inputs: dropped, so a task never says both "author has a very large reach" and "author reach 200k
     * followers", nor a tone its label contradicts.
     */
    private static final Set<String> OWN_KINDS = Set.of("strongly negative", "negative tone", "negative",
            "author has a large reach", "author has a very large reach", "post is drawing engagement");

    private final PriorityConfig config;

    public PriorityCalculator(PriorityConfig config) {
        this.config = config;
    }

    public Priority compute(PriorityInput in) {
        PriorityConfig.Weights w = config.weights();
        double urgency = clamp01(in.urgencyScore() == null ? 0 : in.urgencyScore());
        double negativity = negativity(in);
        double followerReach = logShare(in.authorFollowers(), config.reach().followersSaturation());
        double engagementReach = logShare(in.engagement(), config.reach().engagementSaturation());
        double reach = Math.max(followerReach, engagementReach);
        int saturation = Math.max(2, config.conversation().saturation());
        double size = clamp01((Math.max(1, in.conversationSize()) - 1) / (double) (saturation - 1));
        int velocitySaturation = Math.max(2, config.velocity().saturation());
        double velocity = clamp01((Math.max(1, in.recentPosts()) - 1) / (double) (velocitySaturation - 1));
        double conversation = Math.max(size, velocity);

        double raw = w.urgency() * urgency + w.negativity() * negativity + w.reach() * reach
                + w.conversation() * conversation;
        double score = Math.round(Math.max(0, Math.min(100, raw)) * 10) / 10.0;

        Set<String> reasons = new LinkedHashSet<>();
        if (in.urgencyReasons() != null) {
            in.urgencyReasons().stream().filter(r -> r != null && !r.isBlank() && !OWN_KINDS.contains(r))
                    .forEach(reasons::add);
        }
        // a tone reason only on a negative task: a neutral label with a slightly negative score says "neutral"
        boolean negativeLabel = in.sentimentLabel() == null || "negative".equals(in.sentimentLabel());
        if (negativeLabel && negativity >= config.negativity().strongThreshold()) {
            reasons.add("strongly negative");
        } else if (negativeLabel && negativity >= config.negativity().threshold()) {
            reasons.add("negative");
        }
        if (in.authorFollowers() != null && in.authorFollowers() >= config.reach().reasonMinFollowers()) {
            reasons.add("author reach " + compact(in.authorFollowers()) + " followers");
        }
        if (in.engagement() != null && in.engagement() >= config.reach().reasonMinEngagement()) {
            reasons.add("high engagement (" + compact(in.engagement()) + " likes, replies and shares)");
        }
        if (in.conversationSize() > 1) {
            reasons.add(in.conversationSize() + " posts in the conversation");
        }
        if (in.recentPosts() > 1 && velocity > size) {
            reasons.add("fast-growing: " + in.recentPosts() + " posts within " + human(config.velocity().window()));
        }
        return new Priority(score, tierOf(score), List.copyOf(new ArrayList<>(reasons)));
    }

    public Tier tierOf(double score) {
        PriorityConfig.Tiers t = config.tiers();
        if (score >= t.p1()) {
            return Tier.P1;
        }
        if (score >= t.p2()) {
            return Tier.P2;
        }
        if (score >= t.p3()) {
            return Tier.P3;
        }
        return Tier.P4;
    }

    /** First-response time allowed for a tier. */
    public Duration sla(Tier tier) {
        return switch (tier) {
            case P1 -> config.sla().p1();
            case P2 -> config.sla().p2();
            case P3 -> config.sla().p3();
            case P4 -> config.sla().p4();
        };
    }

    private static double negativity(PriorityInput in) {
        if (in.sentimentScore() != null) {
            return clamp01(-in.sentimentScore());
        }
        return "negative".equals(in.sentimentLabel()) ? 0.5 : 0;
    }

    /** log(1 + value) / log(1 + saturation), clamped to 0..1; 0 when unknown. */
    private static double logShare(Long value, long saturation) {
        if (value == null || value <= 0 || saturation <= 0) {
            return 0;
        }
        return clamp01(Math.log1p(value) / Math.log1p(saturation));
    }

    private static double clamp01(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }

    private static String human(Duration d) {
        if (d.toMinutes() % 60 == 0) {
            long h = d.toHours();
            return h == 1 ? "an hour" : h + " hours";
        }
        return d.toMinutes() + " minutes";
    }

    /** 950, 12k, 1.2M. */
    static String compact(long n) {
        if (n < 1_000) {
            return Long.toString(n);
        }
        if (n < 1_000_000) {
            return Math.round(n / 1_000.0) + "k";
        }
        String m = String.format(Locale.ROOT, "%.1f", n / 1_000_000.0);
        return (m.endsWith(".0") ? m.substring(0, m.length() - 2) : m) + "M";
    }
}
