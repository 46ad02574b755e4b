package dev.earshot.sentiment.model;

import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Sentiment of a text: {@code label} negative, neutral or positive; {@code score} in [-1, 1] is
 * P(positive) - P(negative); {@code probabilities} per label.
 */
@RegisterForReflection
public record Sentiment(String label, double score, Map<String, Double> probabilities) {

    public double probability(String label) {
        return probabilities.getOrDefault(label, 0d);
    }
}
