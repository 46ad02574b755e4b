package dev.earshot.sentiment.scoring;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What {@code TrainSentimentModel} writes beside the model ({@code models/sentiment-en.json}) and
 * {@code GET /api/v1/model} answers: which data, which parameters, how the label is decided, how well
 * it did on the development split and how the VADER-style lexicon baseline did on the same split.
 */
/* read with Jackson at start-up, outside any REST endpoint */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelMetadata(
        String modelVersion,
        String trainedAt,
        String language,
        TrainingData trainingData,
        Parameters parameters,
        Decision decision,
        Evaluation evaluation,
        Evaluation baseline,
        @JsonInclude(JsonInclude.Include.NON_NULL) Evaluation timeEvaluation,
        @JsonInclude(JsonInclude.Include.NON_NULL) Evaluation timeBaseline,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Double> intensityCorrelation) {

    /** The training file, its SHA-256 and how its rows were split. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TrainingData(String file, String sha256, int rows, int trainRows, int devRows, String devSplit,
            Map<String, Integer> trainLabels) {
    }

    /** Training parameters of the OpenNLP document categorizer. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Parameters(String algorithm, int iterations, int cutoff, Map<String, String> trainer,
            List<String> featureGenerators, String normalizer) {
    }

    /**
     * How probabilities become a label: each class probability is multiplied by its weight and the
     * three renormalised; the label is the most probable. Weights of {@code 1 / prior^exponent} undo
     * the training set's class imbalance (negative is rare), which raises macro-averaged recall.
     * {@code calibration}: where the weights were calibrated per class on the time-separated split,
     * the factor each prior weight was multiplied by (absent: not calibrated).
     */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Decision(String rule, double priorExponent, Map<String, Double> classWeights,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double lexiconWeight,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double lexiconBoost,
            @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Double> calibration) {
    }

    /** Figures on the development split; {@code confusionMatrix[gold][predicted]} in {@code labels} order. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Evaluation(String scorer, String split, double accuracy, double macroRecall, double macroF1,
            List<String> labels, int[][] confusionMatrix, Map<String, ClassFigures> perClass) {
    }

    /** Precision, recall and F1 of one label. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ClassFigures(double precision, double recall, double f1, int support) {
    }
}
