package dev.earshot.sentiment.rest;

import java.util.List;

import dev.earshot.sentiment.model.Sentiment;
import dev.earshot.sentiment.model.Urgency;

/** Answer of {@code POST /api/v1/score}: one result per text, in the order of the request. */
public record ScoreResponse(List<Result> results, String modelVersion) {

    /**
     * What was found in one text; {@code languageSupported} false when the language has no sentiment
     * model (sentiment neutral, score 0, intents from rules); {@code truncated} when only its first
     * characters were scored.
     */
    public record Result(Sentiment sentiment, Urgency urgency, List<String> intents, String language,
            boolean languageSupported, boolean truncated) {
    }
}
