package dev.earshot.sentiment.training;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.earshot.sentiment.model.ModelMetadata;
import dev.earshot.sentiment.scoring.SentimentModel;
import dev.earshot.sentiment.scoring.SocialSentimentFeatureGenerator;
import dev.earshot.sentiment.scoring.TextNormalizer;
import dev.earshot.sentiment.scoring.VaderBaseline;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

/**
 * Trains the sentiment model: an OpenNLP document categorizer (L-BFGS maximum entropy) over
 * {@link SocialSentimentFeatureGenerator} features of {@link TextNormalizer} tokens, trained on the
 * tweet pool minus its development split ({@link SentimentDataset}); then the decision rule's class
 * weights from the training priors; then the figures of the model and of the VADER-style baseline
 * on the development split. Writes {@code sentiment-en.bin} and {@code sentiment-en.json}.
 * Deterministic: same data and arguments, same model.
 *
 * <p>Usage: {@code TrainSentimentModel <train.tsv> <output directory> [iterations] [cutoff] [l2]
 * [prior exponent]}; see {@code sentiment-service/train-model.sh}. With output directory {@code -}
 * nothing is written (for trying parameters).
 */
public final class TrainSentimentModel {

    static final String ALGORITHM = "MAXENT_QN";
    static final int DEFAULT_ITERATIONS = 150;
    static final int DEFAULT_CUTOFF = 2;
    static final double DEFAULT_L2 = 3.0;
    static final double DEFAULT_PRIOR_EXPONENT = 1.0;

    private TrainSentimentModel() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: TrainSentimentModel <train.tsv> <output directory|-> [iterations] [cutoff] [l2]"
                    + " [prior exponent]");
            System.exit(2);
        }
        Path data = Path.of(args[0]);
        boolean write = !"-".equals(args[1]);
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_ITERATIONS;
        int cutoff = args.length > 3 ? Integer.parseInt(args[3]) : DEFAULT_CUTOFF;
        double l2 = args.length > 4 ? Double.parseDouble(args[4]) : DEFAULT_L2;
        double exponent = args.length > 5 ? Double.parseDouble(args[5]) : DEFAULT_PRIOR_EXPONENT;

        SentimentDataset dataset = SentimentDataset.read(data);
        List<DocumentSample> train = new ArrayList<>();
        Map<String, Integer> trainLabels = new LinkedHashMap<>();
        SentimentModel.LABELS.forEach(label -> trainLabels.put(label, 0));
        for (SentimentDataset.Row row : dataset.train()) {
            train.add(new DocumentSample(row.label(), tokens(row.text())));
            trainLabels.merge(row.label(), 1, Integer::sum);
        }
        System.out.printf("rows %d: train %d %s, dev %d%n", dataset.rows(), train.size(), trainLabels,
                dataset.dev().size());

        TrainingParameters parameters = new TrainingParameters();
        parameters.put(TrainingParameters.ALGORITHM_PARAM, ALGORITHM);
        parameters.put(TrainingParameters.ITERATIONS_PARAM, iterations);
        parameters.put(TrainingParameters.CUTOFF_PARAM, cutoff);
        parameters.put("L1Cost", 0.0);
        parameters.put("L2Cost", l2);
        // one thread: a parallel gradient sums in varying order, and the model would differ run to run
        parameters.put(TrainingParameters.THREADS_PARAM, 1);
        // OpenNLP records the generator's class name in the model and recreates it when loading
        FeatureGenerator[] generators = {new SocialSentimentFeatureGenerator()};
        long started = System.nanoTime();
        DoccatModel trained = DocumentCategorizerME.train("en", ObjectStreamUtils.createObjectStream(train),
                parameters, new DoccatFactory(generators));
        System.out.printf("trained in %d s%n", (System.nanoTime() - started) / 1_000_000_000L);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        trained.serialize(bytes);
        // evaluate what a reader of the file gets, not the in-memory object
        DoccatModel model = new DoccatModel(new ByteArrayInputStream(bytes.toByteArray()));

        for (double candidate : new double[] {0, 0.5, 0.75, 1.0, 1.25}) {
            ModelMetadata.Evaluation figures = evaluate(new SentimentModel(model, classWeights(trainLabels, candidate)),
                    dataset.dev(), "");
            System.out.printf("  prior exponent %.2f: accuracy %.4f macro recall %.4f macro F1 %.4f%n", candidate,
                    figures.accuracy(), figures.macroRecall(), figures.macroF1());
        }
        Map<String, Double> weights = classWeights(trainLabels, exponent);
        ModelMetadata.Evaluation evaluation = evaluate(new SentimentModel(model, weights), dataset.dev(),
                "sentiment model");
        ModelMetadata.Evaluation baseline = evaluateBaseline(dataset.dev());
        Scorecard.print(evaluation, System.out);
        Scorecard.print(baseline, System.out);
        if (!write) {
            return;
        }

        Path outputDir = Path.of(args[1]);
        Files.createDirectories(outputDir);
        Path modelFile = outputDir.resolve("sentiment-en.bin");
        Files.write(modelFile, bytes.toByteArray());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> trainer = new LinkedHashMap<>();
        trainer.put("L1Cost", "0.0");
        trainer.put("L2Cost", String.valueOf(l2));
        ModelMetadata metadata = new ModelMetadata(
                "sentiment-en-" + DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC).format(now),
                now.toString(),
                "en",
                new ModelMetadata.TrainingData(data.getFileName().toString(), dataset.sha256(), dataset.rows(),
                        train.size(), dataset.dev().size(), SentimentDataset.DEV_SPLIT, trainLabels),
                new ModelMetadata.Parameters(ALGORITHM, iterations, cutoff, trainer,
                        List.of(SocialSentimentFeatureGenerator.class.getName()), TextNormalizer.class.getName()),
                new ModelMetadata.Decision("argmax of P(label) * weight(label), renormalised; weight = "
                        + "1 / P_train(label)^" + exponent, exponent, weights),
                evaluation, baseline);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(outputDir.resolve("sentiment-en.json").toFile(), metadata);
        System.out.printf("model %s (%d bytes) version %s%n", modelFile, Files.size(modelFile), metadata.modelVersion());
    }

    static String[] tokens(String text) {
        String[] tokens = TextNormalizer.normalizeAndTokenize(text);
        return tokens.length == 0 ? new String[] {"xxempty"} : tokens;
    }

    /** {@code 1 / prior^exponent}, scaled so that the largest class has weight 1. */
    static Map<String, Double> classWeights(Map<String, Integer> counts, double exponent) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        int largest = counts.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        Map<String, Double> weights = new LinkedHashMap<>();
        counts.forEach((label, count) -> weights.put(label,
                Scorecard.round(Math.pow((double) largest / total, exponent) / Math.pow((double) count / total, exponent))));
        return weights;
    }

    static ModelMetadata.Evaluation evaluate(SentimentModel model, List<SentimentDataset.Row> rows, String name) {
        Scorecard scorecard = new Scorecard(SentimentModel.LABELS);
        for (SentimentDataset.Row row : rows) {
            scorecard.add(row.label(), model.label(tokens(row.text())));
        }
        return scorecard.evaluation(name, "dev split (" + SentimentDataset.DEV_SPLIT + ")");
    }

    static ModelMetadata.Evaluation evaluateBaseline(List<SentimentDataset.Row> rows) {
        VaderBaseline vader = new VaderBaseline();
        Scorecard scorecard = new Scorecard(SentimentModel.LABELS);
        for (SentimentDataset.Row row : rows) {
            scorecard.add(row.label(), vader.label(row.text()));
        }
        return scorecard.evaluation("VADER-style lexicon baseline (compound, thresholds +-" + VaderBaseline.THRESHOLD
                + ")", "dev split (" + SentimentDataset.DEV_SPLIT + ")");
    }
}
