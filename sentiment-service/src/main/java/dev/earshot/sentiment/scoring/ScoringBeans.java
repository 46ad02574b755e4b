package dev.earshot.sentiment.scoring;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.earshot.sentiment.config.SentimentConfig;
import io.quarkus.logging.Log;

/**
 * The scoring components are plain classes (the trainer, the evaluation command and the benchmark
 * use them without CDI); this is where the service builds them, once, from configuration.
 */
public class ScoringBeans {

    @Produces
    @Singleton
    LanguageIdentifier languageIdentifier() {
        try {
            LanguageIdentifier identifier = LanguageIdentifier.loadDefault();
            Log.infof("loaded language model %s", LanguageIdentifier.MODEL_RESOURCE);
            return identifier;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the language model " + LanguageIdentifier.MODEL_RESOURCE, e);
        }
    }

    @Produces
    @Singleton
    IntentDetector intentDetector(SentimentConfig config) {
        try {
            return IntentDetector.load(config.intentModelDirectory(), config.intentThreshold());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the intent models from " + config.intentModelDirectory(), e);
        }
    }

    @Produces
    @Singleton
    UrgencyScorer urgencyScorer(SentimentConfig config) {
        return new UrgencyScorer(config.urgency());
    }

    @Produces
    @Singleton
    TextAnalyzer textAnalyzer(SentimentScorer sentiment, LanguageIdentifier languages, IntentDetector intents,
            UrgencyScorer urgency, SentimentConfig config) {
        return new TextAnalyzer(sentiment.model(), languages, intents, urgency, sentiment.modelVersion(),
                config.maxTextLength());
    }
}
