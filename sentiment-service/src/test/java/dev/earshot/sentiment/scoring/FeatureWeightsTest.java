package dev.earshot.sentiment.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class FeatureWeightsTest {

    @Test
    void findsEveryFeatureItHoldsAndNoOther() {
        Map<String, double[]> expected = new HashMap<>();
        Random random = new Random(7);
        for (int i = 0; i < 50_000; i++) {
            // n-gram-like keys, many of which share String.hashCode values
            expected.put("cg=" + (char) ('a' + random.nextInt(26)) + (char) ('A' + random.nextInt(58)) + i % 997,
                    new double[] {random.nextDouble(), random.nextDouble(), random.nextDouble()});
        }
        FeatureWeights table = new FeatureWeights(expected.size(), 3);
        expected.forEach(table::put);
        expected.forEach((feature, weights) -> {
            int at = table.find(feature);
            for (int i = 0; i < 3; i++) {
                assertEquals(weights[i], table.weight(at, i), feature);
            }
        });
        for (int i = 0; i < 50_000; i++) {
            assertEquals(-1, table.find("unknown=" + i));
        }
    }

    @Test
    void refusesTheSameFeatureTwice() {
        FeatureWeights table = new FeatureWeights(2, 3);
        table.put("w=acme", new double[] {1, 2, 3});
        assertThrows(IllegalStateException.class, () -> table.put("w=acme", new double[] {1, 2, 3}));
    }
}
