package dev.earshot.sentiment.rest;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.earshot.sentiment.config.SentimentConfig;
import dev.earshot.sentiment.scoring.TextAnalyzer;
import dev.earshot.web.InvalidRequestException;
import dev.earshot.web.PayloadTooLargeException;

/**
 * Ad-hoc scoring of texts. A plain (non-reactive) return type: Quarkus runs it on a worker thread,
 * never on the event loop.
 */
@Path("/api/v1/score")
@Tag(name = "scoring")
@SecurityRequirement(name = "bearer")
@RolesAllowed({"agent", "lead", "admin"})
public class ScoreResource {

    private final TextAnalyzer analyzer;
    private final SentimentConfig config;

    public ScoreResource(TextAnalyzer analyzer, SentimentConfig config) {
        this.analyzer = analyzer;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sentiment, urgency and intents of 1 to 100 texts, in the order given; a text that cannot"
            + " be scored gets scorable: false and a reason, the others are scored")
    public ScoreResponse score(ScoreRequest request) {
        if (request == null || request.texts() == null || request.texts().isEmpty()) {
            throw new InvalidRequestException("texts must hold at least one text");
        }
        if (request.texts().size() > config.maxBatch()) {
            throw new PayloadTooLargeException("at most " + config.maxBatch() + " texts per request, got "
                    + request.texts().size());
        }
        List<ScoreResponse.Result> results = new ArrayList<>(request.texts().size());
        for (String text : request.texts()) {
            // one text that cannot be scored is that text's outcome, not the batch's
            try {
                results.add(ScoreResponse.Result.scored(analyzer.analyze(text, null, null, null)));
            } catch (TextAnalyzer.UnscorableTextException e) {
                results.add(ScoreResponse.Result.unscorable(e.getMessage()));
            }
        }
        return new ScoreResponse(results, analyzer.modelVersion());
    }
}
