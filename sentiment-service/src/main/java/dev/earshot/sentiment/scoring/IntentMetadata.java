package dev.earshot.sentiment.scoring;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What {@code TrainIntentModel} writes beside the intent models ({@code models/intents-en.json}):
 * the labelled set, how it was split, how the models were trained and joined with the rules, and
 * precision and recall per intent on the held-back part.
 */
/* read with Jackson at start-up, outside any REST endpoint */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record IntentMetadata(
        String modelVersion,
        String file,
        String sha256,
        int trainPosts,
        int heldBackPosts,
        String heldBackSplit,
        Map<String, Integer> trainIntents,
        String method,
        double threshold,
        Map<String, Figures> rulesAlone,
        Map<String, Figures> modelsAlone,
        Map<String, Figures> joined) {

    /** Precision and recall of one intent on the held-back posts; support is how many carry it. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Figures(double precision, double recall, int support) {
    }
}
