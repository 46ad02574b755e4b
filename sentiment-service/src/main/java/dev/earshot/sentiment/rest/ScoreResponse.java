package dev.earshot.sentiment.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.earshot.sentiment.contract.Sentiment;
import dev.earshot.sentiment.contract.Urgency;
import dev.earshot.sentiment.scoring.TextAnalyzer;

/** Answer of {@code POST /api/v1/score}: one result per text, in the order of the request. */
public record ScoreResponse(List<Result> results, String modelVersion) {

    /**
     * What was found in one text. {@code scorable} false (with {@code reason}) for a text that holds
     * nothing to score (empty, only links or punctuation, binary): that text alone gets no sentiment,
     * urgency, intents or language, and the rest of the batch is scored. {@code languageSupported}
     * false when the language has no sentiment model (sentiment neutral, score 0, intents from rules);
     * {@code truncated} when only its first characters were scored.
     */
    public record Result(
            @Schema(description = "false when the text holds nothing to score; reason says why") boolean scorable,
            @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
            @JsonInclude(JsonInclude.Include.NON_NULL) Sentiment sentiment,
            @JsonInclude(JsonInclude.Include.NON_NULL) Urgency urgency,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<String> intents,
            @JsonInclude(JsonInclude.Include.NON_NULL) String language,
            boolean languageSupported,
            boolean truncated) {

        static Result scored(TextAnalyzer.Analysis analysis) {
            return new Result(true, null, analysis.sentiment(), analysis.urgency(), analysis.intents(),
                    analysis.language(), analysis.languageSupported(), analysis.truncated());
        }

        static Result unscorable(String reason) {
            return new Result(false, reason, null, null, null, null, false, false);
        }
    }
}
