package dev.earshot.sentiment.scoring;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.earshot.sentiment.config.SentimentConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

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
        return new TextAnalyzer(sentiment.models(), languages, intents, urgency,
                new ReplyPolicy(config.newsSources(), config.brandAccounts()), sentiment.modelVersion(),
                config.maxTextLength());
    }

    /**
     * Builds every scoring component at start-up and scores one sample post, so the first real mention
     * does not wait for the language and intent models to load (about 1.5 s otherwise).
     */
    void warmUp(@Observes StartupEvent event, TextAnalyzer analyzer) {
        analyzer.analyze("Is the app down again? Login keeps failing and support does not answer.", null, null, null);
        Log.info("scoring components loaded and warmed up");
    }
}
