package dev.earshot.sentiment.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.sentiment.config.SentimentConfig;
import dev.earshot.sentiment.scoring.IntentMetadata;
import dev.earshot.sentiment.scoring.ModelMetadata;
import dev.earshot.sentiment.scoring.LanguageIdentifier;
import dev.earshot.sentiment.scoring.Resources;
import dev.earshot.sentiment.scoring.SentimentScorer;

/** The models in use: versions, training data and parameters, figures on held-out data. */
@Path("/api/v1/model")
@Tag(name = "scoring")
@SecurityRequirement(name = "bearer")
@RolesAllowed({"agent", "lead", "admin"})
public class ModelResource {

    /**
     * Answer of {@code GET /api/v1/model}; {@code modelVersion} is the English sentiment model's, as in
     * scored mentions; {@code sentimentByLanguage} holds the other languages' models.
     */
    public record Models(String modelVersion, ModelMetadata sentiment, Map<String, ModelMetadata> sentimentByLanguage,
            IntentMetadata intents, LanguageModel language) {
    }

    /** The language detector: the OpenNLP model and the short-post fallback's limits. */
    public record LanguageModel(String model, String artifact, String supportedLanguages, int shortPostLetters,
            double minMargin) {
    }

    private final Models models;

    public ModelResource(SentimentScorer scorer, SentimentConfig config, ObjectMapper mapper) {
        IntentMetadata intents;
        try (InputStream in = Resources.open(config.intentMetadataPath())) {
            intents = mapper.readValue(in, IntentMetadata.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + config.intentMetadataPath(), e);
        }
        Map<String, ModelMetadata> others = new LinkedHashMap<>(scorer.metadataByLanguage());
        others.remove(LanguageIdentifier.ENGLISH);
        this.models = new Models(scorer.modelVersion(), scorer.metadata(), others, intents,
                new LanguageModel(LanguageIdentifier.MODEL_RESOURCE, "org.apache.opennlp:opennlp-models-langdetect:1.3.0",
                        String.join(",", scorer.metadataByLanguage().keySet()), LanguageIdentifier.SHORT_POST_LETTERS,
                        LanguageIdentifier.MIN_MARGIN));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Versions and evaluation figures of the sentiment, intent and language models in use")
    public Models model() {
        return models;
    }
}
