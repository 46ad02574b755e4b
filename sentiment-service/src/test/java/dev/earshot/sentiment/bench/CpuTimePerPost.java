package dev.earshot.sentiment.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import org.openjdk.jmh.infra.Blackhole;

/**
 * A companion to {@link ScoringBenchmark} for shared machines: the scoring path's cost in CPU time
 * of the scoring thread (not wall-clock time), so other processes on the same cores do not lower
 * it, and the posts per CPU-second that follow. Run by {@code sentiment-service/bench.sh}.
 */
public final class CpuTimePerPost {

    private CpuTimePerPost() {
    }

    public static void main(String[] args) throws Exception {
        ScoringBenchmark benchmark = new ScoringBenchmark();
        benchmark.load();
        Blackhole blackhole = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 1_500; i++) {
            benchmark.scorePosts(blackhole);
        }
        for (int round = 1; round <= 3; round++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long wallStart = System.nanoTime();
            int passes = 1_000;
            for (int i = 0; i < passes; i++) {
                benchmark.scorePosts(blackhole);
            }
            long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
            long wall = System.nanoTime() - wallStart;
            long posts = (long) passes * BenchmarkCorpus.SIZE;
            System.out.printf("round %d: %.1f us CPU per post = %.0f posts per CPU-second (wall clock: %.0f posts/s)%n",
                    round, cpu / 1_000d / posts, posts * 1e9 / cpu, posts * 1e9 / wall);
        }
    }
}
