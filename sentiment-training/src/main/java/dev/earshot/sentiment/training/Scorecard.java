package dev.earshot.sentiment.training;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.earshot.sentiment.scoring.ModelMetadata;

/** Accuracy, macro-averaged recall and F1, per-class figures and the confusion matrix of predicted labels. */
public final class Scorecard {

    private final List<String> labels;
    private final int[][] confusion;

    public Scorecard(List<String> labels) {
        this.labels = labels;
        this.confusion = new int[labels.size()][labels.size()];
    }

    public void add(String gold, String predicted) {
        confusion[labels.indexOf(gold)][labels.indexOf(predicted)]++;
    }

    public ModelMetadata.Evaluation evaluation(String scorer, String split) {
        int n = labels.size();
        int correct = 0;
        int total = 0;
        double recallSum = 0;
        double f1Sum = 0;
        Map<String, ModelMetadata.ClassFigures> perClass = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            correct += confusion[i][i];
            int support = 0;
            int predictedAs = 0;
            for (int j = 0; j < n; j++) {
                support += confusion[i][j];
                predictedAs += confusion[j][i];
            }
            total += support;
            double precision = predictedAs == 0 ? 0 : (double) confusion[i][i] / predictedAs;
            double recall = support == 0 ? 0 : (double) confusion[i][i] / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            recallSum += recall;
            f1Sum += f1;
            perClass.put(labels.get(i), new ModelMetadata.ClassFigures(round(precision), round(recall), round(f1),
                    support));
        }
        int[][] copy = Arrays.stream(confusion).map(int[]::clone).toArray(int[][]::new);
        return new ModelMetadata.Evaluation(scorer, split, round(total == 0 ? 0 : (double) correct / total),
                round(recallSum / n), round(f1Sum / n), labels, copy, perClass);
    }

    public static void print(ModelMetadata.Evaluation evaluation, PrintStream out) {
        out.printf("%s on %s%n", evaluation.scorer(), evaluation.split());
        out.printf("  accuracy %.4f   macro recall %.4f   macro F1 %.4f%n", evaluation.accuracy(),
                evaluation.macroRecall(), evaluation.macroF1());
        out.printf("  confusion matrix (rows gold, columns predicted)%n  %-10s", "");
        for (String label : evaluation.labels()) {
            out.printf("%10s", label);
        }
        out.println();
        for (int gold = 0; gold < evaluation.labels().size(); gold++) {
            out.printf("  %-10s", evaluation.labels().get(gold));
            for (int value : evaluation.confusionMatrix()[gold]) {
                out.printf("%10d", value);
            }
            out.println();
        }
        evaluation.perClass().forEach((label, figures) -> out.printf(
                "  %-10s precision %.4f  recall %.4f  F1 %.4f  support %d%n",
                label, figures.precision(), figures.recall(), figures.f1(), figures.support()));
    }

    static double round(double value) {
        return Math.round(value * 10_000d) / 10_000d;
    }
}
