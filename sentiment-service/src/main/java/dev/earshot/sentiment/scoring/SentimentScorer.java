package dev.earshot.sentiment.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.sentiment.config.SentimentConfig;
import dev.earshot.sentiment.contract.Sentiment;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * The trained sentiment models (English and the other supported languages), loaded once at start-up
 * and shared by all threads (see {@link SentimentModel} for why that is safe).
 */
@Startup
@ApplicationScoped
public class SentimentScorer {

    private final ModelMetadata metadata;
    private final SentimentModel model;
    private final Map<String, SentimentModel> models = new LinkedHashMap<>();
    private final Map<String, ModelMetadata> metadataByLanguage = new LinkedHashMap<>();

    public SentimentScorer(SentimentConfig config, ObjectMapper mapper) {
        metadata = readMetadata(config.metadataPath(), mapper);
        model = load(config.modelPath(), metadata);
        models.put(LanguageIdentifier.ENGLISH, model);
        metadataByLanguage.put(LanguageIdentifier.ENGLISH, metadata);
        for (String language : config.otherLanguages()) {
            ModelMetadata languageMetadata = readMetadata(config.languageMetadataPath().formatted(language), mapper);
            models.put(language, load(config.languageModelPath().formatted(language), languageMetadata));
            metadataByLanguage.put(language, languageMetadata);
        }
        Log.infof("loaded sentiment models %s (English time-split macro recall %s)", models.keySet(),
                metadata.timeEvaluation() == null ? "?" : metadata.timeEvaluation().macroRecall());
    }

    private static ModelMetadata readMetadata(String path, ObjectMapper mapper) {
        try (InputStream in = Resources.open(path)) {
            return mapper.readValue(in, ModelMetadata.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model metadata " + path, e);
        }
    }

    private static SentimentModel load(String path, ModelMetadata metadata) {
        try (InputStream in = Resources.open(path)) {
            return SentimentModel.load(in, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the sentiment model " + path, e);
        }
    }

    /** The model of each supported language, English first. */
    public Map<String, SentimentModel> models() {
        return Collections.unmodifiableMap(models);
    }

    /** The metadata of each supported language's model, English first. */
    public Map<String, ModelMetadata> metadataByLanguage() {
        return Collections.unmodifiableMap(metadataByLanguage);
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
