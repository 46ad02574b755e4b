package dev.earshot.sentiment.model;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What {@code TrainSentimentModel} writes beside the model ({@code models/sentiment-en.json}) and
 * {@code GET /api/v1/model} answers: which data, which parameters, how well it did on the
 * development split.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelMetadata(
        String modelVersion,
        String trainedAt,
        String language,
        TrainingData trainingData,
        Parameters parameters,
        Evaluation evaluation) {

    /** The training file, its SHA-256 and how its rows were split. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TrainingData(String file, String sha256, int rows, int trainRows, int devRows, String devSplit) {
    }

    /** Training parameters of the OpenNLP document categorizer. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Parameters(String algorithm, int iterations, int cutoff, List<String> featureGenerators,
            String normalizer) {
    }

    /** Figures on the development split; {@code confusionMatrix[gold][predicted]} in {@code labels} order. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Evaluation(String split, double accuracy, double macroRecall, double macroF1,
            List<String> labels, int[][] confusionMatrix, Map<String, ClassFigures> perClass) {
    }

    /** Precision, recall and F1 of one label. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ClassFigures(double precision, double recall, double f1, int support) {
    }
}
