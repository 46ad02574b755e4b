package dev.earshot.sentiment.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.sentiment.config.SentimentConfig;
import dev.earshot.sentiment.model.ModelMetadata;
import dev.earshot.sentiment.model.Sentiment;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;

/**
 * Sentiment of normalised text with the trained OpenNLP model. The model is loaded once at start-up
 * and shared (a {@link DoccatModel} is immutable); a {@link DocumentCategorizerME} keeps per-call
 * state and is not thread-safe, so each thread gets its own.
 */
@Startup
@ApplicationScoped
public class SentimentScorer {

    public static final List<String> LABELS = List.of("negative", "neutral", "positive");

    private final ModelMetadata metadata;
    private final ThreadLocal<DocumentCategorizerME> categorizers;

    public SentimentScorer(SentimentConfig config, ObjectMapper mapper) {
        DoccatModel model;
        try (InputStream in = resource(config.modelPath())) {
            model = new DoccatModel(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the sentiment model " + config.modelPath(), e);
        }
        try (InputStream in = resource(config.metadataPath())) {
            metadata = mapper.readValue(in, ModelMetadata.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model metadata " + config.metadataPath(), e);
        }
        categorizers = ThreadLocal.withInitial(() -> new DocumentCategorizerME(model));
        Log.infof("loaded sentiment model %s (dev macro recall %s)", metadata.modelVersion(),
                metadata.evaluation() == null ? "?" : metadata.evaluation().macroRecall());
    }

    /** Sentiment of text already passed through {@link TextNormalizer#normalize(String)}. */
    public Sentiment score(String normalizedText) {
        String[] tokens = TextNormalizer.tokens(normalizedText);
        if (tokens.length == 0) {
            tokens = new String[] {"xxempty"};
        }
        DocumentCategorizerME categorizer = categorizers.get();
        double[] outcomes = categorizer.categorize(tokens);
        Map<String, Double> probabilities = new LinkedHashMap<>();
        for (String label : LABELS) {
            int index = categorizer.getIndex(label);
            probabilities.put(label, index < 0 ? 0d : round(outcomes[index]));
        }
        String best = categorizer.getBestCategory(outcomes);
        double score = round(probabilities.get("positive") - probabilities.get("negative"));
        return new Sentiment(best, score, probabilities);
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    public String modelVersion() {
        return metadata.modelVersion();
    }

    static double round(double value) {
        return Math.round(value * 10_000d) / 10_000d;
    }

    private static InputStream resource(String path) throws IOException {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path);
        if (in == null) {
            in = SentimentScorer.class.getClassLoader().getResourceAsStream(path);
        }
        if (in == null) {
            throw new IOException("no class-path resource " + path);
        }
        return in;
    }
}
