package dev.earshot.response.task.service;

import java.util.List;

/**
 * What the priority of a task is computed from: the latest mention's scores and reach, and the
 * size of its conversation. Nullable numbers are unknown (the source or the model did not give them).
 */
public record PriorityInput(
        Double urgencyScore,
        List<String> urgencyReasons,
        Double sentimentScore,
        String sentimentLabel,
        Long authorFollowers,
        Long engagement,
        int conversationSize) {
}
