package dev.earshot.sentiment.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.earshot.sentiment.contract.Sentiment;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.MaxentModel;

/**
 * The trained sentiment categorizer with its decision rule and its explanation, free of CDI so the
 * trainer, the evaluation command, the benchmark and the service use the very same code.
 *
 * <p>Thread-safety: the OpenNLP {@code DocumentCategorizerME} keeps per-call state and is not
 * thread-safe, so it is not used here; the features are extracted by
 * {@link SocialSentimentFeatureGenerator} (stateless) and evaluated by the shared, read-only
 * {@link MaxentModel} (its {@code eval} allocates its own buffers). One instance serves all threads.
 */
public final class SentimentModel {

    public static final List<String> LABELS = List.of("negative", "neutral", "positive");
    public static final int MAX_DRIVERS = 5;
    private static final String[] EMPTY = {"xxempty"};

    /** Where a doccat model's manifest names its feature generators. */
    private static final String FEATURE_GENERATORS_ENTRY = "doccat.featureGenerators";

    private final MaxentModel maxent;
    private final SocialSentimentFeatureGenerator generator;
    private final int[] outcomeIndex = new int[LABELS.size()];
    private final double[] classWeights = new double[LABELS.size()];
    /** Per feature, its weight towards negative, neutral and positive ({@link #LABELS} order). */
    private final FeatureWeights weights;
    private final double lexiconWeight;
    private final double lexiconBoost;

    public SentimentModel(DoccatModel model, Map<String, Double> weights) {
        this(model, weights, 0, 0, new SocialSentimentFeatureGenerator());
    }

    /**
     * @param weights the decision rule's class weights (null: all 1)
     * @param lexiconWeight share of the lexicon compound in {@code score}; the rest is the model's
     *        P(positive) - P(negative)
     * @param lexiconBoost the ensemble with the lexicon: P(positive) is multiplied by
     *        {@code exp(lexiconBoost * compound)} and P(negative) by {@code exp(-lexiconBoost * compound)}
     *        before the label is taken (0: the categorizer alone)
     * @param generator the feature generator, of the class the model names in its manifest
     */
    @SuppressWarnings("unchecked")
    public SentimentModel(DoccatModel model, Map<String, Double> weights, double lexiconWeight, double lexiconBoost,
            SocialSentimentFeatureGenerator generator) {
        this.maxent = model.getMaxentModel();
        String generators = model.getManifestProperty(FEATURE_GENERATORS_ENTRY);
        if (!SocialSentimentFeatureGenerator.class.getName().equals(generators)) {
            throw new IllegalArgumentException("the model was trained with feature generators " + generators
                    + ", not exactly " + SocialSentimentFeatureGenerator.class.getName());
        }
        // created here rather than by OpenNLP's ExtensionLoader, which looks for it in its own class
        // loader (not the application's under Quarkus) and by reflection (not in a native image)
        this.generator = generator;
        this.lexiconWeight = lexiconWeight;
        this.lexiconBoost = lexiconBoost;
        model.getFactory().setFeatureGenerators(new FeatureGenerator[] {generator});
        for (int i = 0; i < LABELS.size(); i++) {
            outcomeIndex[i] = maxent.getIndex(LABELS.get(i));
            if (outcomeIndex[i] < 0) {
                throw new IllegalArgumentException("the model has no outcome " + LABELS.get(i));
            }
            classWeights[i] = weights == null ? 1 : weights.getOrDefault(LABELS.get(i), 1d);
        }
        Map<String, Context> parameters = (Map<String, Context>) ((AbstractModel) maxent).getDataStructures()[1];
        this.weights = new FeatureWeights(parameters.size(), LABELS.size());
        parameters.forEach((feature, context) -> {
            double[] byLabel = new double[LABELS.size()];
            for (int j = 0; j < context.getOutcomes().length; j++) {
                for (int i = 0; i < LABELS.size(); i++) {
                    if (context.getOutcomes()[j] == outcomeIndex[i]) {
                        byLabel[i] += context.getParameters()[j];
                    }
                }
            }
            this.weights.put(feature, byLabel);
        });
    }

    public static SentimentModel load(InputStream model, ModelMetadata metadata) throws IOException {
        ModelMetadata.Decision decision = metadata.decision();
        String language = metadata.language() == null ? LanguageIdentifier.ENGLISH : metadata.language();
        return new SentimentModel(new DoccatModel(model), decision == null ? null : decision.classWeights(),
                decision == null || decision.lexiconWeight() == null ? 0 : decision.lexiconWeight(),
                decision == null || decision.lexiconBoost() == null ? 0 : decision.lexiconBoost(),
                new SocialSentimentFeatureGenerator(language));
    }

    /** Sentiment of text already passed through {@link TextNormalizer#normalize(String)}, with drivers. */
    public Sentiment score(String normalizedText) {
        return score(TextNormalizer.tokens(normalizedText), true);
    }

    public Sentiment score(String[] tokens, boolean withDrivers) {
        if (tokens.length == 0) {
            tokens = EMPTY;
        }
        SocialSentimentFeatureGenerator.Extraction extraction = generator.extract(tokens);
        int[] found = new int[extraction.features().size()];
        double[] raw = eval(extraction.features(), found);
        double[] probabilities = decide(raw[0], raw[1], raw[2], extraction.compound());
        Map<String, Double> byLabel = new LinkedHashMap<>();
        for (int i = 0; i < LABELS.size(); i++) {
            byLabel.put(LABELS.get(i), round(probabilities[i]));
        }
        List<Sentiment.Driver> drivers = withDrivers ? drivers(extraction, found) : List.of();
        return new Sentiment(LABELS.get(best(probabilities)), round(score(probabilities, extraction.compound())),
                byLabel, drivers);
    }

    /**
     * What the decision rule needs of a text, before the rule: the categorizer's P(negative),
     * P(neutral), P(positive) and the lexicon compound. With {@link #label(double[])} and
     * {@link #score(double[])} it answers what {@link #score(String[], boolean)} answers, so the
     * trainer can try decision rules without extracting features again.
     */
    public double[] evidence(String[] tokens) {
        SocialSentimentFeatureGenerator.Extraction extraction = generator.extract(tokens.length == 0 ? EMPTY : tokens);
        double[] raw = eval(extraction.features(), new int[extraction.features().size()]);
        return new double[] {raw[0], raw[1], raw[2], extraction.compound()};
    }

    /**
     * The categorizer's P(negative), P(neutral), P(positive) of the features: a maximum-entropy
     * model's probabilities are the softmax of each label's summed feature weights, so one table
     * lookup per feature answers them and the drivers ({@code found[k]}: where feature k's weights are,
     * or -1) without OpenNLP's own second pass ({@link #evalByOpenNlp} answers the same, tested).
     */
    private double[] eval(List<String> features, int[] found) {
        double[] sums = new double[LABELS.size()];
        for (int k = 0; k < found.length; k++) {
            int at = weights.find(features.get(k));
            found[k] = at;
            if (at >= 0) {
                sums[0] += weights.weight(at, 0);
                sums[1] += weights.weight(at, 1);
                sums[2] += weights.weight(at, 2);
            }
        }
        double max = Math.max(sums[0], Math.max(sums[1], sums[2]));
        double sum = 0;
        for (int i = 0; i < sums.length; i++) {
            sums[i] = Math.exp(sums[i] - max);
            sum += sums[i];
        }
        for (int i = 0; i < sums.length; i++) {
            sums[i] /= sum;
        }
        return sums;
    }

    /** P(negative), P(neutral), P(positive) as OpenNLP computes them: for tests of {@link #eval}. */
    double[] evalByOpenNlp(String[] tokens) {
        double[] raw = maxent.eval(generator.extract(tokens).features().toArray(String[]::new));
        return new double[] {raw[outcomeIndex[0]], raw[outcomeIndex[1]], raw[outcomeIndex[2]]};
    }

    /** {@link #eval} of the tokens' features: for tests. */
    double[] eval(String[] tokens) {
        List<String> features = generator.extract(tokens).features();
        return eval(features, new int[features.size()]);
    }

    /** The label of {@link #evidence(String[])} under this model's decision rule. */
    public String label(double[] evidence) {
        return LABELS.get(best(decide(evidence[0], evidence[1], evidence[2], evidence[3])));
    }

    /** The {@code score} of {@link #evidence(String[])} under this model's decision rule. */
    public double score(double[] evidence) {
        return round(score(decide(evidence[0], evidence[1], evidence[2], evidence[3]), evidence[3]));
    }

    private double score(double[] probabilities, double compound) {
        return (1 - lexiconWeight) * (probabilities[2] - probabilities[0]) + lexiconWeight * compound;
    }

    private static int best(double[] probabilities) {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Class probabilities after the decision rule's class weights and the lexicon's pull, in
     * {@link #LABELS} order.
     */
    private double[] decide(double negative, double neutral, double positive, double compound) {
        double pull = Math.exp(lexiconBoost * compound);
        double[] weighted = {negative * classWeights[0] / pull, neutral * classWeights[1],
            positive * classWeights[2] * pull};
        double sum = weighted[0] + weighted[1] + weighted[2];
        for (int i = 0; i < weighted.length; i++) {
            weighted[i] /= sum;
        }
        return weighted;
    }

    /** The label only, for evaluation. */
    public String label(String[] tokens) {
        return score(tokens, false).label();
    }

    /**
     * The tokens that pushed the label most. Each feature's pull is its weight towards positive minus
     * its weight towards negative in the trained model (the log-odds it adds); a feature built from
     * tokens is credited to them in equal shares, a text-level lexicon feature (compound, sums) to the
     * rated tokens in proportion to their valence. Invented tokens (xxurl, markers) and punctuation
     * are never drivers.
     */
    List<Sentiment.Driver> drivers(SocialSentimentFeatureGenerator.Extraction extraction, int[] found) {
        String[] tokens = extraction.tokens();
        double[] pull = new double[tokens.length];
        double ratedMass = 0;
        for (double valence : extraction.valences()) {
            ratedMass += Math.abs(valence);
        }
        List<String> features = extraction.features();
        for (int k = 0; k < features.size(); k++) {
            double weight = found[k] < 0 ? 0 : weights.weight(found[k], 2) - weights.weight(found[k], 0);
            if (weight == 0) {
                continue;
            }
            int from = extraction.from()[k];
            if (from >= 0) {
                int to = extraction.to()[k];
                double share = weight / (to - from + 1);
                for (int i = from; i <= to; i++) {
                    pull[i] += share;
                }
            } else if (extraction.lexiconFeature()[k] && ratedMass > 0) {
                for (int i = 0; i < tokens.length; i++) {
                    pull[i] += weight * Math.abs(extraction.valences()[i]) / ratedMass;
                }
            }
        }
        Map<String, Double> byToken = new HashMap<>();
        for (int i = 0; i < tokens.length; i++) {
            if (pull[i] != 0 && isWord(tokens[i])) {
                byToken.merge(tokens[i], pull[i], Double::sum);
            }
        }
        List<Map.Entry<String, Double>> ranked = new ArrayList<>(byToken.entrySet());
        ranked.sort(Comparator.comparingDouble((Map.Entry<String, Double> e) -> -Math.abs(e.getValue()))
                .thenComparing(Map.Entry::getKey));
        List<Sentiment.Driver> drivers = new ArrayList<>(MAX_DRIVERS);
        for (Map.Entry<String, Double> entry : ranked) {
            double weight = Math.round(entry.getValue() * 100d) / 100d;
            if (weight == 0) {
                break;
            }
            drivers.add(new Sentiment.Driver(entry.getKey(), weight));
            if (drivers.size() == MAX_DRIVERS) {
                break;
            }
        }
        return List.copyOf(drivers);
    }

    private static boolean isWord(String token) {
        if (SocialSentimentFeatureGenerator.isMark(token) || token.equals(EMPTY[0])) {
            return false;
        }
        return !(token.length() == 1 && ".,;:".indexOf(token.charAt(0)) >= 0);
    }

    public static double round(double value) {
        return Math.round(value * 10_000d) / 10_000d;
    }
}
