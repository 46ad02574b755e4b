package dev.earshot.sentiment.training;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.earshot.sentiment.model.ModelMetadata;
import dev.earshot.sentiment.scoring.TextNormalizer;
import opennlp.tools.doccat.BagOfWordsFeatureGenerator;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.doccat.NGramFeatureGenerator;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

/**
 * Trains the first sentiment model: an OpenNLP maximum-entropy document categorizer over bag of
 * words and bigrams of {@link TextNormalizer} tokens. The development split is the rows whose id
 * hashes (CRC32) into the lowest {@value #DEV_PERCENT}% ; it is never trained on. No test set is
 * read here.
 *
 * <p>Usage: {@code TrainSentimentModel <train.tsv> <output directory> [iterations] [cutoff]}; see
 * {@code sentiment-service/train-model.sh}.
 */
public final class TrainSentimentModel {

    static final int DEV_PERCENT = 10;
    static final List<String> LABELS = List.of("negative", "neutral", "positive");
    private static final int DEFAULT_ITERATIONS = 100;
    private static final int DEFAULT_CUTOFF = 3;

    private TrainSentimentModel() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: TrainSentimentModel <train.tsv> <output directory> [iterations] [cutoff]");
            System.exit(2);
        }
        Path data = Path.of(args[0]);
        Path outputDir = Path.of(args[1]);
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_ITERATIONS;
        int cutoff = args.length > 3 ? Integer.parseInt(args[3]) : DEFAULT_CUTOFF;

        List<DocumentSample> train = new ArrayList<>();
        List<DocumentSample> dev = new ArrayList<>();
        int rows = 0;
        List<String> lines = Files.readAllLines(data, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] columns = line.split("\t", 3);
            if (columns.length < 3 || !LABELS.contains(columns[1])) {
                continue;
            }
            rows++;
            String[] tokens = TextNormalizer.normalizeAndTokenize(columns[2]);
            if (tokens.length == 0) {
                tokens = new String[] {"xxempty"};
            }
            DocumentSample sample = new DocumentSample(columns[1], tokens);
            (isDev(columns[0]) ? dev : train).add(sample);
        }
        System.out.printf("rows %d: train %d, dev %d%n", rows, train.size(), dev.size());

        TrainingParameters parameters = new TrainingParameters();
        parameters.put(TrainingParameters.ALGORITHM_PARAM, "MAXENT");
        parameters.put(TrainingParameters.ITERATIONS_PARAM, iterations);
        parameters.put(TrainingParameters.CUTOFF_PARAM, cutoff);
        parameters.put(TrainingParameters.THREADS_PARAM, 2);
        // the default constructors are what DoccatFactory instantiates again when the model is loaded
        FeatureGenerator[] generators = {new BagOfWordsFeatureGenerator(), new NGramFeatureGenerator()};
        long started = System.nanoTime();
        DoccatModel model = DocumentCategorizerME.train("en", ObjectStreamUtils.createObjectStream(train),
                parameters, new DoccatFactory(generators));
        System.out.printf("trained in %d s%n", (System.nanoTime() - started) / 1_000_000_000L);

        ModelMetadata.Evaluation evaluation = evaluate(new DocumentCategorizerME(model), dev);
        Files.createDirectories(outputDir);
        Path modelFile = outputDir.resolve("sentiment-en.bin");
        try (OutputStream out = Files.newOutputStream(modelFile)) {
            model.serialize(out);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ModelMetadata metadata = new ModelMetadata(
                "sentiment-en-" + DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC).format(now),
                now.toString(),
                "en",
                new ModelMetadata.TrainingData(data.getFileName().toString(), sha256(data), rows, train.size(),
                        dev.size(), "CRC32(id) % 100 < " + DEV_PERCENT),
                new ModelMetadata.Parameters("MAXENT", iterations, cutoff,
                        List.of(BagOfWordsFeatureGenerator.class.getName(), NGramFeatureGenerator.class.getName() + "(2,2)"),
                        TextNormalizer.class.getName()),
                evaluation);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(outputDir.resolve("sentiment-en.json").toFile(), metadata);

        System.out.printf("model %s (%d bytes) version %s%n", modelFile, Files.size(modelFile), metadata.modelVersion());
        System.out.printf("dev split: accuracy %.4f, macro recall %.4f, macro F1 %.4f%n",
                evaluation.accuracy(), evaluation.macroRecall(), evaluation.macroF1());
        System.out.println("confusion matrix (rows gold, columns predicted): " + LABELS);
        for (int gold = 0; gold < LABELS.size(); gold++) {
            System.out.printf("  %-8s %s%n", LABELS.get(gold), java.util.Arrays.toString(evaluation.confusionMatrix()[gold]));
        }
        evaluation.perClass().forEach((label, figures) -> System.out.printf(
                "  %-8s precision %.4f recall %.4f f1 %.4f support %d%n",
                label, figures.precision(), figures.recall(), figures.f1(), figures.support()));
    }

    /** Deterministic: the same id always falls in the same split. */
    static boolean isDev(String id) {
        CRC32 crc = new CRC32();
        crc.update(id.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % 100 < DEV_PERCENT;
    }

    static ModelMetadata.Evaluation evaluate(DocumentCategorizerME categorizer, List<DocumentSample> samples) {
        int n = LABELS.size();
        int[][] confusion = new int[n][n];
        for (DocumentSample sample : samples) {
            String predicted = categorizer.getBestCategory(categorizer.categorize(sample.getText()));
            confusion[LABELS.indexOf(sample.getCategory())][LABELS.indexOf(predicted)]++;
        }
        int correct = 0;
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
            double precision = predictedAs == 0 ? 0 : (double) confusion[i][i] / predictedAs;
            double recall = support == 0 ? 0 : (double) confusion[i][i] / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            recallSum += recall;
            f1Sum += f1;
            perClass.put(LABELS.get(i), new ModelMetadata.ClassFigures(round(precision), round(recall), round(f1), support));
        }
        return new ModelMetadata.Evaluation("dev (" + DEV_PERCENT + "% of the training pool by id hash)",
                round((double) correct / samples.size()), round(recallSum / n), round(f1Sum / n),
                LABELS, confusion, perClass);
    }

    private static double round(double value) {
        return Math.round(value * 10_000d) / 10_000d;
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
