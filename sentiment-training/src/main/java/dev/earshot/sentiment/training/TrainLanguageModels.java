package dev.earshot.sentiment.training;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.earshot.sentiment.scoring.ModelMetadata;
import dev.earshot.sentiment.scoring.SentimentModel;
import dev.earshot.sentiment.scoring.SocialSentimentFeatureGenerator;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentSample;

/**
 * Trains the sentiment models of German, Spanish, French, Italian and Portuguese on the UMSAB tweets
 * ({@code umsab/<language>-train.tsv}, {@code label TAB text}, Apache-2.0; about 1,840 per language,
 * the three classes equally often), with the same features and decision rule as English and the
 * language's own negation words. The L2 cost is chosen per language by macro F1 on the language's
 * validation file ({@code <language>-val.tsv}), which is never trained on. Writes
 * {@code sentiment-<code>.bin} and {@code .json}. Reads no test file.
 *
 * <p>Usage: {@code TrainLanguageModels <umsab directory> <output directory|-> [iterations] [cutoff]};
 * see {@code sentiment-service/train-model.sh}.
 */
public final class TrainLanguageModels {

    /** Language code and UMSAB file prefix. */
    public static final Map<String, String> LANGUAGES = Map.of("de", "german", "es", "spanish", "fr", "french",
            "it", "italian", "pt", "portuguese");
    public static final List<String> CODES = List.of("de", "es", "fr", "it", "pt");
    static final double[] L2_COSTS = {0.1, 0.3, 1.0, 3.0};
    static final int DEFAULT_ITERATIONS = 150;
    static final int DEFAULT_CUTOFF = 1;

    private TrainLanguageModels() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: TrainLanguageModels <umsab directory> <output directory|-> [iterations] [cutoff]");
            System.exit(2);
        }
        Path directory = Path.of(args[0]);
        boolean write = !"-".equals(args[1]);
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_ITERATIONS;
        int cutoff = args.length > 3 ? Integer.parseInt(args[3]) : DEFAULT_CUTOFF;
        double sum = 0;
        for (String code : CODES) {
            Path trainFile = trainFile(directory, code);
            List<SentimentDataset.Row> train = read(trainFile);
            List<SentimentDataset.Row> validation = read(validationFile(directory, code));
            Map<String, Integer> counts = TrainSentimentModel.count(train);
            SocialSentimentFeatureGenerator generator = new SocialSentimentFeatureGenerator(code);
            List<DocumentSample> samples = TrainSentimentModel.samples(train, "none");
            byte[] best = null;
            double bestL2 = 0;
            ModelMetadata.Evaluation bestFigures = null;
            for (double l2 : L2_COSTS) {
                byte[] bytes = TrainSentimentModel.train(samples, code, iterations, cutoff, l2, generator);
                ModelMetadata.Evaluation figures = TrainSentimentModel.evaluate(model(bytes, counts, generator),
                        validation, "sentiment model", validationFile(directory, code).getFileName().toString());
                System.out.printf("  %s L2 %.1f: validation macro F1 %.4f macro recall %.4f accuracy %.4f%n", code, l2,
                        figures.macroF1(), figures.macroRecall(), figures.accuracy());
                if (bestFigures == null || figures.macroF1() > bestFigures.macroF1() + 1e-9) {
                    best = bytes;
                    bestL2 = l2;
                    bestFigures = figures;
                }
            }
            Scorecard.print(bestFigures, System.out);
            sum += bestFigures.macroF1();
            if (write) {
                Path out = Path.of(args[1]);
                Files.createDirectories(out);
                Instant now = ModelFiles.trainedAt();
                Files.write(out.resolve("sentiment-" + code + ".bin"), ModelFiles.stamped(best, now));
                ModelMetadata metadata = new ModelMetadata(TrainSentimentModel.version("sentiment-" + code, now),
                        now.toString(), code,
                        new ModelMetadata.TrainingData("umsab/" + trainFile.getFileName(), SentimentDataset.sha256(trainFile),
                                train.size(), train.size(), validation.size(),
                                "umsab/" + validationFile(directory, code).getFileName(), counts),
                        TrainSentimentModel.parameters(iterations, cutoff, bestL2, "none"),
                        TrainSentimentModel.decision(0, TrainSentimentModel.classWeights(counts, 0), 0, 0),
                        bestFigures, null, null, null, null);
                TrainSentimentModel.writeMetadata(out.resolve("sentiment-" + code + ".json"), metadata);
            }
        }
        System.out.printf("mean validation macro F1 over %s: %.4f%n", CODES, sum / CODES.size());
    }

    static SentimentModel model(byte[] bytes, Map<String, Integer> counts, SocialSentimentFeatureGenerator generator)
            throws IOException {
        return new SentimentModel(new DoccatModel(new ByteArrayInputStream(bytes)),
                TrainSentimentModel.classWeights(counts, 0), 0, 0, generator);
    }

    static Path trainFile(Path directory, String code) {
        return directory.resolve(LANGUAGES.get(code) + "-train.tsv");
    }

    static Path validationFile(Path directory, String code) {
        return directory.resolve(LANGUAGES.get(code) + "-val.tsv");
    }

    /** {@code label TAB text} after a header line; the row number stands in for an id. */
    static List<SentimentDataset.Row> read(Path file) throws IOException {
        List<SentimentDataset.Row> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            String[] columns = lines.get(i).split("\t", 2);
            if (columns.length == 2 && SentimentModel.LABELS.contains(columns[0])) {
                rows.add(new SentimentDataset.Row(String.valueOf(i), columns[0], columns[1]));
            }
        }
        return rows;
    }

}
