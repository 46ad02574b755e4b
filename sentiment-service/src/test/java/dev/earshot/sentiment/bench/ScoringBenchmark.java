package dev.earshot.sentiment.bench;

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

import dev.earshot.sentiment.scoring.Fixtures;
import dev.earshot.sentiment.scoring.TextAnalyzer;

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
    public void load() {
        analyzer = Fixtures.analyzer(5000);
        posts = BenchmarkCorpus.POSTS;
    }

    @Benchmark
    @OperationsPerInvocation(BenchmarkCorpus.SIZE)
    public void scorePosts(Blackhole blackhole) {
        for (int i = 0; i < posts.size(); i++) {
            blackhole.consume(analyzer.analyze(posts.get(i), null, 1_200L, 14L));
        }
    }
}
