package dev.earshot.sentiment.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.sentiment.config.SentimentConfig;
import dev.earshot.sentiment.model.ModelMetadata;
import dev.earshot.sentiment.scoring.IntentDetector;
import dev.earshot.sentiment.scoring.LanguageIdentifier;
import dev.earshot.sentiment.scoring.Resources;
import dev.earshot.sentiment.scoring.SentimentModel;
import dev.earshot.sentiment.scoring.TextAnalyzer;
import dev.earshot.sentiment.scoring.UrgencyScorer;

/**
 * The full scoring path of the service ({@link TextAnalyzer#analyze}: normalise, detect the language,
 * sentiment with drivers, intents, urgency) over a varied corpus of posts, with the committed models.
 * One operation = one pass over the corpus; JMH reports passes per second, {@code bench.sh} turns
 * that into posts per second. Run by {@code sentiment-service/bench.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class ScoringBenchmark {

    private TextAnalyzer analyzer;
    private List<String> posts;

    @Setup(Level.Trial)
    public void load() throws IOException {
        ModelMetadata metadata;
        try (InputStream in = Resources.open("models/sentiment-en.json")) {
            metadata = new ObjectMapper().readValue(in, ModelMetadata.class);
        }
        SentimentModel sentiment;
        try (InputStream in = Resources.open("models/sentiment-en.bin")) {
            sentiment = SentimentModel.load(in, metadata);
        }
        analyzer = new TextAnalyzer(sentiment, LanguageIdentifier.loadDefault(),
                IntentDetector.load("models/intents", IntentDetector.DEFAULT_THRESHOLD),
                new UrgencyScorer(new Thresholds()), metadata.modelVersion(), 5000);
        posts = BenchmarkCorpus.POSTS;
    }

    @Benchmark
    @OperationsPerInvocation(BenchmarkCorpus.SIZE)
    public void scorePosts(Blackhole blackhole) {
        for (int i = 0; i < posts.size(); i++) {
            blackhole.consume(analyzer.analyze(posts.get(i), null, 1_200L, 14L));
        }
    }

    /** The defaults of application.properties. */
    static final class Thresholds implements SentimentConfig.Urgency {
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
