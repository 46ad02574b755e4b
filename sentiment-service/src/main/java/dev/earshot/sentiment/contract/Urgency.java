package dev.earshot.sentiment.contract;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Urgency: {@code score} in [0, 1], {@code level} low, medium, high or critical, the reasons behind
 * it, and whether a human should answer the post at all ({@code needsReply}; null only when read
 * from an older message).
 */
@RegisterForReflection
public record Urgency(double score, String level, List<String> reasons,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean needsReply) {
}
