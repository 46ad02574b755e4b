package dev.earshot.sentiment.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.sentiment.config.SentimentConfig;

/** The committed models, loaded once for the plain unit tests and the benchmark as the service loads them. */
public final class Fixtures {

    static final SentimentModel SENTIMENT;
    static final ModelMetadata SENTIMENT_METADATA;
    /** Every committed sentiment model by language, English first. */
    static final Map<String, SentimentModel> SENTIMENT_BY_LANGUAGE = new LinkedHashMap<>();
    static final LanguageIdentifier LANGUAGES;
    static final IntentDetector INTENTS;
    static final UrgencyScorer URGENCY = new UrgencyScorer(new DefaultUrgency());

    static {
        try (InputStream metadata = Resources.open("models/sentiment-en.json");
                InputStream model = Resources.open("models/sentiment-en.bin")) {
            SENTIMENT_METADATA = new ObjectMapper().readValue(metadata, ModelMetadata.class);
            SENTIMENT = SentimentModel.load(model, SENTIMENT_METADATA);
            SENTIMENT_BY_LANGUAGE.put(LanguageIdentifier.ENGLISH, SENTIMENT);
            for (String language : LanguageRules.LANGUAGES) {
                try (InputStream languageMetadata = Resources.open("models/sentiment-" + language + ".json");
                        InputStream languageModel = Resources.open("models/sentiment-" + language + ".bin")) {
                    SENTIMENT_BY_LANGUAGE.put(language, SentimentModel.load(languageModel,
                            new ObjectMapper().readValue(languageMetadata, ModelMetadata.class)));
                }
            }
            LANGUAGES = LanguageIdentifier.loadDefault();
            INTENTS = IntentDetector.load("models/intents", IntentDetector.DEFAULT_THRESHOLD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Fixtures() {
    }

    public static TextAnalyzer analyzer(int maxTextLength) {
        return analyzer(maxTextLength, ReplyPolicy.none());
    }

    public static TextAnalyzer analyzer(int maxTextLength, ReplyPolicy replyPolicy) {
        return new TextAnalyzer(SENTIMENT_BY_LANGUAGE, LANGUAGES, INTENTS, URGENCY, replyPolicy, "test-model",
                maxTextLength);
    }

    /** The defaults of application.properties. */
    static final class DefaultUrgency implements SentimentConfig.Urgency {
        @Override
        public double medium() {
            return 0.3;
        }

        @Override
        public double high() {
            return 0.55;
        }

        @Override
        public double critical() {
            return 0.8;
        }

        @Override
        public double strongNegativity() {
            return 0.6;
        }

        @Override
        public long largeReachFollowers() {
            return 10_000;
        }

        @Override
        public long highEngagement() {
            return 100;
        }
    }
}
