package dev.earshot.sentiment.scoring;

/**
 * A model's weights per feature in flat arrays, found by a 64-bit hash of the feature's text (open addressing,
 * linear probing). A {@code HashMap<String, double[]>} of the English model's features took a node, a string, its
 * bytes and an array per feature, scattered over tens of megabytes: in the pipeline, where the scorer shares the
 * cores and their caches with the other services, its lookups were about a third of sentiment-service's CPU (JFR).
 * Two features of one model with the same hash are refused when the table is built; an unknown feature taken for a
 * known one needs a 64-bit collision with one of the model's features (about 1 in 10^13 per lookup).
 */
final class FeatureWeights {

    private final long[] keys;
    private final double[] values;
    private final int width;
    private final int mask;

    /** Room for {@code features} features of {@code width} weights each. */
    FeatureWeights(int features, int width) {
        int capacity = Integer.highestOneBit(Math.max(4, features) * 2 - 1) << 1;
        this.keys = new long[capacity];
        this.values = new double[capacity * width];
        this.width = width;
        this.mask = capacity - 1;
    }

    void put(String feature, double[] weights) {
        long hash = hash(feature);
        int slot = (int) hash & mask;
        while (keys[slot] != 0) {
            if (keys[slot] == hash) {
                throw new IllegalStateException("two features of the model share a 64-bit hash, e.g. " + feature);
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = hash;
        System.arraycopy(weights, 0, values, slot * width, width);
    }

    /** Where the feature's weights are ({@link #weight}), or -1 for a feature the model does not know. */
    int find(String feature) {
        long hash = hash(feature);
        int slot = (int) hash & mask;
        long key;
        while ((key = keys[slot]) != 0) {
            if (key == hash) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /** Weight {@code i} of the feature {@link #find} answered {@code at} for. */
    double weight(int at, int i) {
        return values[at * width + i];
    }

    /** FNV-1a over the chars, then a 64-bit finaliser (so that the low bits the table uses are well mixed); never 0. */
    static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
