package dev.earshot.response.task;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How a task's priority (0..100) is computed from its mentions, and the SLA of each tier. The four
 * weights are the points each factor gives at its maximum; by default they add up to 100.
 */
@ConfigMapping(prefix = "earshot.priority")
public interface PriorityConfig {

    Weights weights();

    Reach reach();

    Conversation conversation();

    Velocity velocity();

    Negativity negativity();

    Tiers tiers();

    Sla sla();

    interface Weights {
        /** Points for urgency score 1.0 (scaled linearly). Default 55. */
        @WithDefault("55")
        double urgency();

        /** Points for sentiment score -1.0 (P(negative) - P(positive) scaled linearly). Default 20. */
        @WithDefault("20")
        double negativity();

        /** Points for an author (or post) at full reach, see {@link Reach}. Default 15. */
        @WithDefault("15")
        double reach();

        /**
         * Points for a conversation at {@link Conversation#saturation()} posts, or growing at
         * {@link Velocity#saturation()} posts per {@link Velocity#window()}, whichever is more. Default 10.
         */
        @WithDefault("10")
        double conversation();
    }

    interface Reach {
        /** Followers at which reach is full (logarithmic below). Default 100000. */
        @WithDefault("100000")
        long followersSaturation();

        /** Likes + replies + shares at which reach is full (logarithmic below). Default 1000. */
        @WithDefault("1000")
        long engagementSaturation();

        /** Followers from which "author reach" appears among the reasons. Default 1000. */
        @WithDefault("1000")
        long reasonMinFollowers();

        /** Engagement from which "high engagement" appears among the reasons. Default 50. */
        @WithDefault("50")
        long reasonMinEngagement();
    }

    interface Conversation {
        /** Posts in a conversation at which its factor is full (linear from one post). Default 10. */
        @WithDefault("10")
        int saturation();
    }

    /** How fast a conversation grows: posts within the window before its newest post. */
    interface Velocity {
        /** Default 1 hour. */
        @WithDefault("PT1H")
        Duration window();

        /** Posts within the window at which the conversation factor is full. Default 5. */
        @WithDefault("5")
        int saturation();
    }

    interface Negativity {
        /** Negativity (-sentiment score) from which the reason reads "strongly negative". Default 0.6. */
        @WithDefault("0.6")
        double strongThreshold();

        /** Negativity from which the reason reads "negative". Default 0.2. */
        @WithDefault("0.2")
        double threshold();
    }

    interface Tiers {
        /** Lowest score of tier P1. Default 60. */
        @WithDefault("60")
        double p1();

        /** Lowest score of tier P2. Default 40. */
        @WithDefault("40")
        double p2();

        /** Lowest score of tier P3; below is P4. Default 20. */
        @WithDefault("20")
        double p3();
    }

    /** First-response due time after a task is created, per tier. */
    interface Sla {
        /** Default 1 hour. */
        @WithDefault("PT1H")
        Duration p1();

        /** Default 4 hours. */
        @WithDefault("PT4H")
        Duration p2();

        /** Default 24 hours. */
        @WithDefault("PT24H")
        Duration p3();

        /** Default 72 hours. */
        @WithDefault("PT72H")
        Duration p4();
    }
}
