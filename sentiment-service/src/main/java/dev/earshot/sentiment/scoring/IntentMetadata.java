package dev.earshot.sentiment.scoring;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What {@code TrainIntentModel} writes beside the intent models ({@code models/intents-en.json}):
 * the labelled set, how it was split, how the models were trained and joined with the rules, and
 * precision and recall per intent on the held-back part.
 */
/* read with Jackson at start-up, outside any REST endpoint */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record IntentMetadata(
        String modelVersion,
        String file,
        String sha256,
        int trainPosts,
        int heldBackPosts,
        String heldBackSplit,
        Map<String, Integer> trainIntents,
        String method,
        double threshold,
        Map<String, Figures> rulesAlone,
        Map<String, Figures> modelsAlone,
        Map<String, Figures> joined) {

    /** Posts of the labelled set whose CRC32 of the text modulo this is 0 are held back from training. */
    public static final int HELD_BACK_MODULUS = 5;
    public static final String HELD_BACK_SPLIT = "CRC32(text) % " + HELD_BACK_MODULUS + " == 0";

    /** Whether a post of the labelled set is held back for measuring ({@link #HELD_BACK_SPLIT}), never trained on. */
    public static boolean isHeldBack(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % HELD_BACK_MODULUS == 0;
    }

    /** Precision and recall of one intent on the held-back posts; support is how many carry it. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Figures(double precision, double recall, int support) {
    }
}
