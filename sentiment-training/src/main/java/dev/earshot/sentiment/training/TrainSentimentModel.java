package dev.earshot.sentiment.training;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.earshot.sentiment.scoring.ModelMetadata;
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
 * Trains the English sentiment model: an OpenNLP document categorizer (L-BFGS maximum entropy) over
 * {@link SocialSentimentFeatureGenerator} features of {@link TextNormalizer} tokens, trained on the
 * tweet pool minus its two development splits ({@link SentimentDataset}); then the decision rule
 * (class weights {@code 1 / prior^exponent}, the exponent chosen on the time-separated split); then
 * its per-class calibration ({@link #calibrate}: a factor per class and the lexicon pull, a coarse
 * grid on the time split, kept only where it raises macro recall there without costing the random
 * split or the intensity correlation more than {@value #MAX_CALIBRATION_LOSS}); then
 * the share of the lexicon compound in {@code score}, chosen by its Pearson correlation with human intensity
 * ratings of our tweets and of the VADER review and editorial snippets together ({@link IntensityMeasures}); then the figures of the model and of the
 * VADER-style baseline on both development splits. Writes {@code sentiment-en.bin} and
 * {@code sentiment-en.json}. Deterministic: same data and arguments, same model.
 *
 * <p>Usage: {@code TrainSentimentModel <train.tsv> <output directory> [iterations] [cutoff] [l2]
 * [class balance]}; see {@code sentiment-service/train-model.sh}. With output directory {@code -}
 * nothing is written (for trying parameters). Class balance {@code oversample} repeats each
 * training post of a class {@code round(largest class / its class)} times (class-balanced
 * training); {@code none} trains on the pool as it is.
 */
public final class TrainSentimentModel {

    static final String ALGORITHM = "MAXENT_QN";
    static final int DEFAULT_ITERATIONS = 150;
    static final int DEFAULT_CUTOFF = 2;
    static final double DEFAULT_L2 = 30.0;
    static final String DEFAULT_BALANCE = "none";
    static final double[] PRIOR_EXPONENTS = {0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5};
    static final double[] LEXICON_BOOSTS = {0, 0.5, 1.0, 1.5, 2.0};
    static final double[] LEXICON_WEIGHTS = {0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0};
    /** Calibration grid: factors 2^(k/6), k = -4..8 (0.63 .. 2.52), on the negative and the positive class weight. */
    static final double[] CALIBRATION_FACTORS = calibrationFactors();
    static final double[] CALIBRATION_BOOSTS = {0, 0.125, 0.25, 0.375, 0.5, 0.75, 1.0};
    /** What the calibration may cost the random split's macro recall and the mean intensity correlation. */
    static final double MAX_CALIBRATION_LOSS = 0.01;
    /** The VADER snippet sets (review and editorial sentences, mean human valence -4..+4) beside the tweets. */
    static final List<String> INTENSITY_SETS = List.of("vader-amazonReviewSnippets-groundtruth.txt",
            "vader-movieReviewSnippets-groundtruth.txt", "vader-nytEditorialSnippets-groundtruth.txt");

    private TrainSentimentModel() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: TrainSentimentModel <train.tsv> <output directory|-> [iterations] [cutoff] [l2]"
                    + " [none|oversample]");
            System.exit(2);
        }
        Path data = Path.of(args[0]);
        boolean write = !"-".equals(args[1]);
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_ITERATIONS;
        int cutoff = args.length > 3 ? Integer.parseInt(args[3]) : DEFAULT_CUTOFF;
        double l2 = args.length > 4 ? Double.parseDouble(args[4]) : DEFAULT_L2;
        String balance = args.length > 5 ? args[5] : DEFAULT_BALANCE;

        SentimentDataset dataset = SentimentDataset.read(data);
        Map<String, Integer> poolLabels = count(dataset.train());
        List<DocumentSample> train = samples(dataset.train(), balance);
        Map<String, Integer> trainLabels = new LinkedHashMap<>();
        SentimentModel.LABELS.forEach(label -> trainLabels.put(label, 0));
        train.forEach(sample -> trainLabels.merge(sample.getCategory(), 1, Integer::sum));
        System.out.printf("rows %d: train %d %s (%s: %s), dev %d, time dev %d (ids from %d)%n", dataset.rows(),
                dataset.train().size(), poolLabels, balance, trainLabels, dataset.dev().size(),
                dataset.timeDev().size(), dataset.timeDevFromId());

        // -Dearshot.sentiment.char-grams=false measures what the character n-grams bring; such a model is
        // never written (the service always extracts them)
        boolean charGrams = !"false".equals(System.getProperty("earshot.sentiment.char-grams"));
        if (!charGrams && write) {
            throw new IllegalArgumentException("-Dearshot.sentiment.char-grams=false only with output directory -");
        }
        SocialSentimentFeatureGenerator generator = new SocialSentimentFeatureGenerator("en", charGrams);
        byte[] bytes = train(train, "en", iterations, cutoff, l2, generator);
        DoccatModel model = new DoccatModel(new ByteArrayInputStream(bytes));

        // what the decision rule needs of each text, computed once for every rule tried below
        SentimentModel undecided = new SentimentModel(model, null, 0, 0, generator);
        List<double[]> timeEvidence = evidence(undecided, dataset.timeDev());
        List<double[]> randomEvidence = evidence(undecided, dataset.dev());
        List<List<Intensity>> intensitySets = readIntensitySets(data.toAbsolutePath().getParent());
        List<List<double[]>> intensityEvidence = intensityEvidence(undecided, intensitySets);
        double[] rule = bestRule(model, generator, trainLabels, dataset.timeDev(), timeEvidence, "time split");
        double exponent = rule[0];
        Calibration calibration = calibrate(model, generator, classWeights(trainLabels, exponent), rule[1], dataset,
                timeEvidence, randomEvidence, intensitySets, intensityEvidence);
        Map<String, Double> weights = calibration.weights();
        double boost = calibration.boost();
        SentimentModel chosen = new SentimentModel(model, weights, 0, boost, generator);
        ModelMetadata.Evaluation time = evaluate(chosen, dataset.timeDev(), "sentiment model",
                SentimentDataset.TIME_DEV_SPLIT);
        ModelMetadata.Evaluation random = evaluate(chosen, dataset.dev(), "sentiment model", SentimentDataset.DEV_SPLIT);
        ModelMetadata.Evaluation timeBaseline = evaluateBaseline(dataset.timeDev(), SentimentDataset.TIME_DEV_SPLIT);
        ModelMetadata.Evaluation baseline = evaluateBaseline(dataset.dev(), SentimentDataset.DEV_SPLIT);
        Scorecard.print(time, System.out);
        Scorecard.print(random, System.out);
        Scorecard.print(timeBaseline, System.out);
        Scorecard.print(baseline, System.out);

        List<Intensity> tweets = readTweetIntensity();
        IntensityMeasures measures = new IntensityMeasures(intensitySets, intensityEvidence, tweets,
                intensityEvidence(undecided, List.of(tweets)).get(0), dataset, timeEvidence, randomEvidence);
        double lexiconWeight = measures.bestLexiconWeight(model, generator, weights, boost);
        Map<String, Double> intensity = measures.figures(new SentimentModel(model, weights, lexiconWeight, boost,
                generator));
        System.out.printf("lexicon weight %.2f, intensity %s%n", lexiconWeight, intensity);
        if (!write) {
            return;
        }

        Path outputDir = Path.of(args[1]);
        Files.createDirectories(outputDir);
        Path modelFile = outputDir.resolve("sentiment-en.bin");
        Instant now = ModelFiles.trainedAt();
        Files.write(modelFile, ModelFiles.stamped(bytes, now));
        ModelMetadata metadata = new ModelMetadata(
                version("sentiment-en", now),
                now.toString(),
                "en",
                new ModelMetadata.TrainingData(data.getFileName().toString(), dataset.sha256(), dataset.rows(),
                        dataset.train().size(), dataset.dev().size() + dataset.timeDev().size(),
                        SentimentDataset.TIME_DEV_SPLIT + "; " + SentimentDataset.DEV_SPLIT, trainLabels),
                parameters(iterations, cutoff, l2, balance),
                decision(exponent, weights, lexiconWeight, boost, calibration.factors()),
                random, baseline, time, timeBaseline, intensity);
        writeMetadata(outputDir.resolve("sentiment-en.json"), metadata);
        System.out.printf("model %s (%d bytes) version %s%n", modelFile, Files.size(modelFile), metadata.modelVersion());
    }

    static String version(String prefix, Instant now) {
        return prefix + "-" + DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC).format(now);
    }

    static ModelMetadata.Parameters parameters(int iterations, int cutoff, double l2, String balance) {
        Map<String, String> trainer = new LinkedHashMap<>();
        trainer.put("L1Cost", "0.0");
        trainer.put("L2Cost", String.valueOf(l2));
        trainer.put("classBalance", balance);
        return new ModelMetadata.Parameters(ALGORITHM, iterations, cutoff, trainer,
                List.of(SocialSentimentFeatureGenerator.class.getName()), TextNormalizer.class.getName());
    }

    static ModelMetadata.Decision decision(double exponent, Map<String, Double> weights, double lexiconWeight,
            double boost) {
        return decision(exponent, weights, lexiconWeight, boost, null);
    }

    /** @param factors the calibration's factor per class ({@link #calibrate}), or null: none */
    static ModelMetadata.Decision decision(double exponent, Map<String, Double> weights, double lexiconWeight,
            double boost, Map<String, Double> factors) {
        String weight = factors == null ? "1 / P_train(label)^" + exponent
                : "factor(label) / P_train(label)^" + exponent + ", the factors (calibration) and the lexicon pull"
                        + " chosen on the time split";
        return new ModelMetadata.Decision("argmax of P(label) * weight(label) * exp(+-" + boost
                + " * lexicon compound for positive/negative), renormalised; weight = " + weight
                + "; score = " + (1 - lexiconWeight) + " * (P(positive) - P(negative)) + " + lexiconWeight
                + " * lexicon compound", exponent, weights, lexiconWeight, boost, factors);
    }

    static void writeMetadata(Path file, ModelMetadata metadata) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), metadata);
    }

    /** Trains one categorizer and answers its serialised bytes. */
    static byte[] train(List<DocumentSample> samples, String language, int iterations, int cutoff, double l2,
            SocialSentimentFeatureGenerator generator) throws IOException {
        TrainingParameters parameters = new TrainingParameters();
        parameters.put(TrainingParameters.ALGORITHM_PARAM, ALGORITHM);
        parameters.put(TrainingParameters.ITERATIONS_PARAM, iterations);
        parameters.put(TrainingParameters.CUTOFF_PARAM, cutoff);
        parameters.put("L1Cost", 0.0);
        parameters.put("L2Cost", l2);
        // one thread: a parallel gradient sums in varying order, and the model would differ run to run
        parameters.put(TrainingParameters.THREADS_PARAM, 1);
        // OpenNLP records the generator's class name in the model and recreates it when loading
        FeatureGenerator[] generators = {generator};
        long started = System.nanoTime();
        DoccatModel trained = DocumentCategorizerME.train(language, ObjectStreamUtils.createObjectStream(samples),
                parameters, new DoccatFactory(generators));
        System.out.printf("trained %s in %d s%n", language, (System.nanoTime() - started) / 1_000_000_000L);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        trained.serialize(bytes);
        // the caller evaluates what a reader of the file gets, not the in-memory object
        return bytes.toByteArray();
    }

    /**
     * The prior exponent and the lexicon pull of the decision rule with the highest macro-averaged
     * recall on {@code rows}.
     */
    static double[] bestRule(DoccatModel model, SocialSentimentFeatureGenerator generator,
            Map<String, Integer> trainLabels, List<SentimentDataset.Row> rows, List<double[]> evidence, String split) {
        double[] best = {0, 0};
        double bestRecall = -1;
        for (double boost : LEXICON_BOOSTS) {
            for (double candidate : PRIOR_EXPONENTS) {
                ModelMetadata.Evaluation figures = evaluate(new SentimentModel(model,
                        classWeights(trainLabels, candidate), 0, boost, generator), rows, evidence, "", split);
                System.out.printf("  prior exponent %.2f, lexicon pull %.2f on %s: accuracy %.4f macro recall %.4f"
                        + " macro F1 %.4f%n", candidate, boost, split, figures.accuracy(), figures.macroRecall(),
                        figures.macroF1());
                if (figures.macroRecall() > bestRecall + 1e-9) {
                    bestRecall = figures.macroRecall();
                    best = new double[] {candidate, boost};
                }
            }
        }
        return best;
    }

    /**
     * The decision rule's class weights and lexicon pull, calibrated per class on the time split: each
     * of the negative and the positive weight (neutral stays 1) times a factor of
     * {@link #CALIBRATION_FACTORS}, with each lexicon pull of {@link #CALIBRATION_BOOSTS}; the
     * candidate with the highest time-split macro recall among those that keep the random split's macro
     * recall and the mean intensity correlation (at its best lexicon weight) within
     * {@value #MAX_CALIBRATION_LOSS} of the rule before. The rule before, factors null, where no
     * candidate beats it. Nothing is retrained: every candidate is decided from the evidence computed once.
     */
    static Calibration calibrate(DoccatModel model, SocialSentimentFeatureGenerator generator,
            Map<String, Double> weights, double boost, SentimentDataset dataset, List<double[]> timeEvidence,
            List<double[]> randomEvidence, List<List<Intensity>> intensitySets, List<List<double[]>> intensityEvidence) {
        SentimentModel before = new SentimentModel(model, weights, 0, boost, generator);
        double bestRecall = evaluate(before, dataset.timeDev(), timeEvidence, "", "").macroRecall();
        double randomFloor = evaluate(before, dataset.dev(), randomEvidence, "", "").macroRecall()
                - MAX_CALIBRATION_LOSS;
        double intensityFloor = intensityCorrelation(new SentimentModel(model, weights, bestLexiconWeight(model,
                generator, weights, boost, intensitySets, intensityEvidence), boost, generator), intensitySets,
                intensityEvidence).get("mean") - MAX_CALIBRATION_LOSS;
        System.out.printf("calibration: time split macro recall %.4f before; floors: random split %.4f, intensity"
                + " %.4f%n", bestRecall, randomFloor, intensityFloor);
        Calibration best = new Calibration(null, weights, boost);
        for (double candidateBoost : CALIBRATION_BOOSTS) {
            for (double negative : CALIBRATION_FACTORS) {
                for (double positive : CALIBRATION_FACTORS) {
                    Map<String, Double> factors = new LinkedHashMap<>();
                    factors.put("negative", Scorecard.round(negative));
                    factors.put("neutral", 1.0);
                    factors.put("positive", Scorecard.round(positive));
                    Map<String, Double> calibrated = new LinkedHashMap<>();
                    weights.forEach((label, weight) -> calibrated.put(label,
                            Scorecard.round(weight * factors.get(label))));
                    SentimentModel candidate = new SentimentModel(model, calibrated, 0, candidateBoost, generator);
                    double recall = evaluate(candidate, dataset.timeDev(), timeEvidence, "", "").macroRecall();
                    if (recall <= bestRecall + 1e-9) {
                        continue;
                    }
                    double random = evaluate(candidate, dataset.dev(), randomEvidence, "", "").macroRecall();
                    if (random < randomFloor) {
                        continue;
                    }
                    double intensity = intensityCorrelation(new SentimentModel(model, calibrated, bestLexiconWeight(
                            model, generator, calibrated, candidateBoost, intensitySets, intensityEvidence),
                            candidateBoost, generator), intensitySets, intensityEvidence).get("mean");
                    if (intensity < intensityFloor) {
                        continue;
                    }
                    System.out.printf("  factors %s, lexicon pull %.3f: time split macro recall %.4f, random split"
                            + " %.4f, intensity %.4f%n", factors, candidateBoost, recall, random, intensity);
                    bestRecall = recall;
                    best = new Calibration(factors, calibrated, candidateBoost);
                }
            }
        }
        System.out.printf("calibration: factors %s, class weights %s, lexicon pull %.3f%n", best.factors(),
                best.weights(), best.boost());
        return best;
    }

    /** The decision rule's class weights and lexicon pull after {@link #calibrate}; factors null: not calibrated. */
    record Calibration(Map<String, Double> factors, Map<String, Double> weights, double boost) {
    }

    static double[] calibrationFactors() {
        double[] factors = new double[13];
        for (int k = 0; k < factors.length; k++) {
            factors[k] = Math.pow(2, (k - 4) / 6.0);
        }
        return factors;
    }

    /**
     * The share of the lexicon compound in {@code score} with the highest mean Pearson r on the snippet sets: what
     * the calibration's guard compares rules at (the share itself is then chosen by {@link IntensityMeasures}).
     */
    static double bestLexiconWeight(DoccatModel model, SocialSentimentFeatureGenerator generator,
            Map<String, Double> weights, double boost, List<List<Intensity>> sets, List<List<double[]>> evidence) {
        double lexiconWeight = 0;
        double bestR = -2;
        for (double candidate : LEXICON_WEIGHTS) {
            Map<String, Double> r = intensityCorrelation(new SentimentModel(model, weights, candidate, boost, generator),
                    sets, evidence);
            if (r.get("mean") > bestR + 1e-9) {
                bestR = r.get("mean");
                lexiconWeight = candidate;
            }
        }
        return lexiconWeight;
    }

    /** {@link SentimentModel#evidence(String[])} of each row, to try decision rules on. */
    static List<double[]> evidence(SentimentModel model, List<SentimentDataset.Row> rows) {
        List<double[]> evidence = new ArrayList<>(rows.size());
        rows.forEach(row -> evidence.add(model.evidence(tokens(row.text()))));
        return evidence;
    }

    static Map<String, Integer> count(List<SentimentDataset.Row> rows) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        SentimentModel.LABELS.forEach(label -> counts.put(label, 0));
        rows.forEach(row -> counts.merge(row.label(), 1, Integer::sum));
        return counts;
    }

    /** Training samples; with {@code oversample} each post of a class repeated round(largest / its count) times. */
    static List<DocumentSample> samples(List<SentimentDataset.Row> rows, String balance) {
        Map<String, Integer> counts = count(rows);
        int largest = counts.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        List<DocumentSample> samples = new ArrayList<>();
        for (SentimentDataset.Row row : rows) {
            int repeat = "oversample".equals(balance)
                    ? (int) Math.max(1, Math.round((double) largest / counts.get(row.label()))) : 1;
            String[] tokens = tokens(row.text());
            for (int k = 0; k < repeat; k++) {
                samples.add(new DocumentSample(row.label(), tokens));
            }
        }
        return samples;
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

    static ModelMetadata.Evaluation evaluate(SentimentModel model, List<SentimentDataset.Row> rows, String name,
            String split) {
        Scorecard scorecard = new Scorecard(SentimentModel.LABELS);
        for (SentimentDataset.Row row : rows) {
            scorecard.add(row.label(), model.label(tokens(row.text())));
        }
        return scorecard.evaluation(name, split);
    }

    /** {@link #evaluate(SentimentModel, List, String, String)} from each row's evidence, computed before. */
    static ModelMetadata.Evaluation evaluate(SentimentModel model, List<SentimentDataset.Row> rows,
            List<double[]> evidence, String name, String split) {
        Scorecard scorecard = new Scorecard(SentimentModel.LABELS);
        for (int i = 0; i < rows.size(); i++) {
            scorecard.add(rows.get(i).label(), model.label(evidence.get(i)));
        }
        return scorecard.evaluation(name, split);
    }

    static ModelMetadata.Evaluation evaluateBaseline(List<SentimentDataset.Row> rows, String split) {
        VaderBaseline vader = new VaderBaseline();
        Scorecard scorecard = new Scorecard(SentimentModel.LABELS);
        for (SentimentDataset.Row row : rows) {
            scorecard.add(row.label(), vader.label(row.text()));
        }
        return scorecard.evaluation("VADER-style lexicon baseline (compound, thresholds +-" + VaderBaseline.THRESHOLD
                + ")", split);
    }

    /** A snippet and its mean human valence (-4..+4). */
    record Intensity(double valence, String text) {
    }

    /** Our tweet intensity set (class-path resource of this module): tweets we wrote, each rated -4..+4 when written. */
    static final String TWEET_INTENSITY_SET = "dev/tweet-intensity.tsv";

    static List<Intensity> readTweetIntensity() throws IOException {
        List<Intensity> tweets = new ArrayList<>();
        try (java.io.InputStream in = dev.earshot.sentiment.scoring.Resources.open(TWEET_INTENSITY_SET)) {
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t", 2);
                tweets.add(new Intensity(Double.parseDouble(columns[0]), columns[1]));
            }
        }
        return tweets;
    }

    /**
     * How well {@code score} measures intensity, in the tweet domain and beside it: Pearson r with the human valence
     * of the VADER snippet sets (reviews, editorials; their mean), with the valence of our tweet intensity set
     * ({@link #TWEET_INTENSITY_SET}), and Pearson and Spearman r with the ordinal label (-1, 0, 1) of the pool's
     * time-separated and random development splits. The share of the lexicon compound in {@code score} is chosen
     * on the two intensity measures together, the mean of the tweet set's r and the snippets' mean r; the
     * ordinal labels are reported beside them (they measure the ordering of polarity, which rewards a score that is
     * the same for every clearly positive tweet, not a graded intensity). Every text's evidence is computed once.
     */
    record IntensityMeasures(List<List<Intensity>> snippetSets, List<List<double[]>> snippetEvidence,
            List<Intensity> tweets, List<double[]> tweetEvidence, SentimentDataset dataset, List<double[]> timeEvidence,
            List<double[]> randomEvidence) {

        static IntensityMeasures of(SentimentModel model, Path dataDirectory, SentimentDataset dataset)
                throws IOException {
            List<List<Intensity>> snippets = readIntensitySets(dataDirectory);
            List<Intensity> tweets = readTweetIntensity();
            return new IntensityMeasures(snippets, intensityEvidence(model, snippets), tweets,
                    intensityEvidence(model, List.of(tweets)).get(0), dataset, evidence(model, dataset.timeDev()),
                    evidence(model, dataset.dev()));
        }

        /** The figures of a model's {@code score} (its decision rule and lexicon share) on every measure. */
        Map<String, Double> figures(SentimentModel model) {
            Map<String, Double> figures = intensityCorrelation(model, snippetSets, snippetEvidence);
            double[] tweetScores = scores(model, tweetEvidence);
            double[] tweetValences = tweets.stream().mapToDouble(Intensity::valence).toArray();
            figures.put("ourTweets", Scorecard.round(pearson(tweetScores, tweetValences)));
            figures.put("ourTweetsSpearman", Scorecard.round(spearman(tweetScores, tweetValences)));
            double[] time = scores(model, timeEvidence);
            double[] timeLabels = ordinal(dataset.timeDev());
            figures.put("timeSplitLabels", Scorecard.round(pearson(time, timeLabels)));
            figures.put("timeSplitLabelsSpearman", Scorecard.round(spearman(time, timeLabels)));
            figures.put("randomSplitLabels", Scorecard.round(pearson(scores(model, randomEvidence),
                    ordinal(dataset.dev()))));
            return figures;
        }

        /** What the lexicon share is chosen by: the mean of our tweet set's r and the snippet sets' mean r. */
        static double choice(Map<String, Double> figures) {
            return (figures.get("ourTweets") + figures.get("mean")) / 2;
        }

        /** The share of the lexicon compound in {@code score} with the highest {@link #choice}. */
        double bestLexiconWeight(DoccatModel model, SocialSentimentFeatureGenerator generator,
                Map<String, Double> weights, double boost) {
            double lexiconWeight = 0;
            double best = -2;
            for (double candidate : LEXICON_WEIGHTS) {
                Map<String, Double> figures = figures(new SentimentModel(model, weights, candidate, boost, generator));
                System.out.printf("  lexicon weight %.2f: chosen by %.4f; %s%n", candidate, choice(figures), figures);
                if (choice(figures) > best + 1e-9) {
                    best = choice(figures);
                    lexiconWeight = candidate;
                }
            }
            return lexiconWeight;
        }

        private static double[] scores(SentimentModel model, List<double[]> evidence) {
            return evidence.stream().mapToDouble(model::score).toArray();
        }

        private static double[] ordinal(List<SentimentDataset.Row> rows) {
            return rows.stream().mapToDouble(row -> SentimentModel.LABELS.indexOf(row.label()) - 1).toArray();
        }
    }

    static List<List<Intensity>> readIntensitySets(Path directory) throws IOException {
        List<List<Intensity>> sets = new ArrayList<>();
        for (String name : INTENSITY_SETS) {
            List<Intensity> set = new ArrayList<>();
            for (String line : Files.readAllLines(directory.resolve(name), java.nio.charset.StandardCharsets.UTF_8)) {
                String[] columns = line.split("\t", 3);
                if (columns.length == 3) {
                    set.add(new Intensity(Double.parseDouble(columns[1]), columns[2]));
                }
            }
            sets.add(set);
        }
        return sets;
    }

    /** Pearson r of {@code score} with the human valence, per snippet set and their mean. */
    static Map<String, Double> intensityCorrelation(SentimentModel model, List<List<Intensity>> sets) {
        return intensityCorrelation(model, sets, intensityEvidence(model, sets));
    }

    /** {@link SentimentModel#evidence(String[])} of every snippet, per set. */
    static List<List<double[]>> intensityEvidence(SentimentModel model, List<List<Intensity>> sets) {
        List<List<double[]>> evidence = new ArrayList<>();
        for (List<Intensity> set : sets) {
            List<double[]> perSet = new ArrayList<>(set.size());
            set.forEach(snippet -> perSet.add(model.evidence(tokens(snippet.text()))));
            evidence.add(perSet);
        }
        return evidence;
    }

    static Map<String, Double> intensityCorrelation(SentimentModel model, List<List<Intensity>> sets,
            List<List<double[]>> evidence) {
        Map<String, Double> figures = new LinkedHashMap<>();
        double sum = 0;
        for (int s = 0; s < sets.size(); s++) {
            List<Intensity> set = sets.get(s);
            double[] x = new double[set.size()];
            double[] y = new double[set.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = model.score(evidence.get(s).get(i));
                y[i] = set.get(i).valence();
            }
            double r = pearson(x, y);
            figures.put(INTENSITY_SETS.get(s).replace("-groundtruth.txt", "").replace("vader-", ""), Scorecard.round(r));
            sum += r;
        }
        figures.put("mean", Scorecard.round(sum / sets.size()));
        return figures;
    }

    /** Pearson r of the ranks (ties share their mean rank). */
    static double spearman(double[] x, double[] y) {
        return pearson(ranks(x), ranks(y));
    }

    private static double[] ranks(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        for (int i = 0; i < order.length;) {
            int j = i;
            while (j + 1 < order.length && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = (i + j) / 2.0;
            }
            i = j + 1;
        }
        return ranks;
    }

    static double pearson(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= y.length;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
    }
}
