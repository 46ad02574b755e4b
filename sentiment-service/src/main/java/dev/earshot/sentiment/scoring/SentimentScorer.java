package dev.earshot.sentiment.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.sentiment.config.SentimentConfig;
import dev.earshot.sentiment.model.ModelMetadata;
import dev.earshot.sentiment.model.Sentiment;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * Sentiment of normalised English text with the trained model, loaded once at start-up and shared by
 * all threads (see {@link SentimentModel} for why that is safe).
 */
@Startup
@ApplicationScoped
public class SentimentScorer {

    private final ModelMetadata metadata;
    private final SentimentModel model;

    public SentimentScorer(SentimentConfig config, ObjectMapper mapper) {
        try (InputStream in = Resources.open(config.metadataPath())) {
            metadata = mapper.readValue(in, ModelMetadata.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model metadata " + config.metadataPath(), e);
        }
        try (InputStream in = Resources.open(config.modelPath())) {
            model = SentimentModel.load(in, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the sentiment model " + config.modelPath(), e);
        }
        Log.infof("loaded sentiment model %s (dev macro recall %s)", metadata.modelVersion(),
                metadata.evaluation() == null ? "?" : metadata.evaluation().macroRecall());
    }

    /** Sentiment, with drivers, of text already passed through {@link TextNormalizer#normalize(String)}. */
    public Sentiment score(String normalizedText) {
        return model.score(normalizedText);
    }

    public SentimentModel model() {
        return model;
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    public String modelVersion() {
        return metadata.modelVersion();
    }
}
