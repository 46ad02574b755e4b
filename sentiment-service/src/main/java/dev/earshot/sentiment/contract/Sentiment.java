package dev.earshot.sentiment.contract;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Sentiment of a text: {@code label} negative, neutral or positive; {@code score} in [-1, 1] is an
 * intensity, P(positive) - P(negative) blended with the lexicon compound (the model's lexicon weight);
 * {@code probabilities} per label; {@code drivers} the tokens that pushed
 * the label most (negative weight pushes towards negative).
 */
@RegisterForReflection
public record Sentiment(String label, double score, Map<String, Double> probabilities,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Driver> drivers) {

    /** Not scored: a language without a model gets no guessed sentiment. */
    public static Sentiment unsupported() {
        Map<String, Double> probabilities = new LinkedHashMap<>();
        probabilities.put("negative", 0d);
        probabilities.put("neutral", 1d);
        probabilities.put("positive", 0d);
        return new Sentiment("neutral", 0, probabilities, List.of());
    }

    public double probability(String label) {
        return probabilities.getOrDefault(label, 0d);
    }

    /** One token and its pull: log-odds towards positive (plus) or negative (minus) in the model. */
    @RegisterForReflection
    public record Driver(String token, double weight) {
    }
}
