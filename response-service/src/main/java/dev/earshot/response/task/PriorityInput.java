package dev.earshot.response.task;

import java.util.List;

/**
 * What the priority of a task is computed from: the latest mention's scores and reach, and the
 * size of its conversation and how many of its posts arrived within the velocity window. Nullable numbers are unknown (the source or the model did not give them).
 */
public record PriorityInput(
        Double urgencyScore,
        List<String> urgencyReasons,
        Double sentimentScore,
        String sentimentLabel,
        Long authorFollowers,
        Long engagement,
        int conversationSize,
        int recentPosts) {

    /** Without velocity: one recent post. */
    public PriorityInput(Double urgencyScore, List<String> urgencyReasons, Double sentimentScore, String sentimentLabel,
            Long authorFollowers, Long engagement, int conversationSize) {
        this(urgencyScore, urgencyReasons, sentimentScore, sentimentLabel, authorFollowers, engagement,
                conversationSize, 1);
    }
}
