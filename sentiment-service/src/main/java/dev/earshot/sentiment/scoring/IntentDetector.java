package dev.earshot.sentiment.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.MaxentModel;

/**
 * The intents a community manager routes on, in {@link #INTENTS} order: one binary OpenNLP
 * categorizer per intent (trained by {@code TrainIntentModel} on {@code intents/intents.tsv}), joined
 * with keyword rules where a rule is clearer than a model (an outage, money, a lawyer, a question
 * mark). A post carries every intent whose model is sure enough or whose rule fires; non-English
 * posts get the rules only.
 *
 * <p>Thread-safety: the categorizers' {@code *ME} wrappers are not used; the feature generators
 * (bag of words, n-grams) are stateless and the {@link MaxentModel}s read-only, so one instance
 * serves all threads.
 */
public final class IntentDetector {

    public static final String OUTAGE = "outage";
    public static final String BILLING = "billing";
    public static final String ACCOUNT_SECURITY = "account-security";
    public static final String CHURN_RISK = "churn-risk";
    public static final String LEGAL_THREAT = "legal-threat";
    public static final String QUESTION = "question";
    public static final String COMPLAINT = "complaint";
    public static final String PRAISE = "praise";
    public static final String SPAM = "spam";
    public static final List<String> INTENTS = List.of(OUTAGE, BILLING, ACCOUNT_SECURITY, CHURN_RISK, LEGAL_THREAT,
            QUESTION, COMPLAINT, PRAISE, SPAM);
    /** The category of a binary model that means "has this intent". */
    public static final String YES = "yes";
    public static final String NO = "no";
    /**
     * The token every post starts with before the intent models see it: its weight in each model is that model's
     * intercept (OpenNLP's maximum-entropy models have none of their own), so a post none of whose words the model
     * knows gets the model's prior, not P(yes) = 0.5 (which passed the threshold: every intent fired on such posts).
     */
    public static final String INTERCEPT_TOKEN = "xxpost";
    /** P(yes) from which a model's intent counts; rare intents need less than one half. */
    public static final double DEFAULT_THRESHOLD = 0.35;

    private static final Map<String, Rule> RULES = rules();
    private static final String[] EMPTY = {"xxempty"};

    private final Map<String, MaxentModel> models;
    private final Map<String, Integer> yesIndex = new LinkedHashMap<>();
    /** Per feature, its log-odds (yes minus no) in each intent's model, in {@link #INTENTS} order. */
    private final FeatureWeights logOdds;
    private final FeatureGenerator[] generators;
    private final double threshold;

    /** @param models one binary model per intent, all trained with the same feature generators */
    public IntentDetector(Map<String, DoccatModel> models, double threshold) {
        this.models = new LinkedHashMap<>();
        FeatureGenerator[] shared = null;
        for (String intent : INTENTS) {
            DoccatModel model = models.get(intent);
            if (model == null) {
                throw new IllegalArgumentException("no intent model for " + intent);
            }
            MaxentModel maxent = model.getMaxentModel();
            this.models.put(intent, maxent);
            yesIndex.put(intent, maxent.getIndex(YES));
            if (shared == null) {
                shared = model.getFactory().getFeatureGenerators();
            }
        }
        this.generators = shared;
        this.threshold = threshold;
        Map<String, double[]> byFeature = new HashMap<>();
        for (int i = 0; i < INTENTS.size(); i++) {
            addLogOdds(i, this.models.get(INTENTS.get(i)), byFeature);
        }
        this.logOdds = new FeatureWeights(byFeature.size(), INTENTS.size());
        byFeature.forEach(logOdds::put);
    }

    /**
     * A binary maximum-entropy model's P(yes) is the logistic function of the summed (yes minus no)
     * weights of the post's features; one table for all nine models turns nine evaluations into one
     * pass over the features ({@link #probabilities(String[])} equals each model's own answer, tested).
     */
    @SuppressWarnings("unchecked")
    private static void addLogOdds(int intent, MaxentModel model, Map<String, double[]> logOdds) {
        Map<String, Context> parameters = (Map<String, Context>) ((AbstractModel) model).getDataStructures()[1];
        int yes = model.getIndex(YES);
        int no = model.getIndex(NO);
        parameters.forEach((feature, context) -> {
            double weight = 0;
            for (int j = 0; j < context.getOutcomes().length; j++) {
                int outcome = context.getOutcomes()[j];
                weight += outcome == yes ? context.getParameters()[j] : outcome == no ? -context.getParameters()[j] : 0;
            }
            logOdds.computeIfAbsent(feature, f -> new double[INTENTS.size()])[intent] = weight;
        });
    }

    /** Loads {@code <directory>/<intent>.bin} for every intent from the class path. */
    public static IntentDetector load(String directory, double threshold) throws IOException {
        Map<String, DoccatModel> models = new LinkedHashMap<>();
        for (String intent : INTENTS) {
            try (InputStream in = Resources.open(directory + "/" + intent + ".bin")) {
                models.put(intent, new DoccatModel(in));
            }
        }
        return new IntentDetector(models, threshold);
    }

    /** Intents of normalised text, rules and models together, without a sentiment to check against. */
    public List<String> detect(String normalizedText) {
        return detect(normalizedText, TextNormalizer.tokens(normalizedText), true, null);
    }

    /** {@link #detect(String, String[], String, boolean, String)} of English text. */
    public List<String> detect(String normalizedText, String[] tokens, boolean withModels, String sentimentLabel) {
        return detect(normalizedText, tokens, LanguageIdentifier.ENGLISH, withModels, sentimentLabel);
    }

    /**
     * @param language the post's language: German, Spanish, French, Italian and Portuguese add their
     *        own keyword rules ({@link LanguageRules}) to the English ones
     * @param withModels false for a language the models were not trained on: rules only
     * @param sentimentLabel the post's sentiment label, or null. A complaint is a report that something
     *        is wrong, whatever the tone: the complaint model counts on a negative post or on one that
     *        reports a problem (an outage, account security, billing), and a problem report ("charged
     *        twice", "still waiting", "can someone look at this") is a complaint by itself (a rule). The
     *        praise model counts only on a positive post.
     */
    public List<String> detect(String normalizedText, String[] tokens, String language, boolean withModels,
            String sentimentLabel) {
        return detection(normalizedText, tokens, language, withModels, sentimentLabel).intents();
    }

    /**
     * A post's intents, and how strongly it reads as a complaint: the complaint model's P(yes) whether or not it
     * passed the threshold (0 where the models did not run), which urgency orders otherwise equal posts by.
     */
    public record Detection(List<String> intents, double complaintProbability) {
    }

    /** {@link #detect(String, String[], String, boolean, String)} with the complaint model's probability. */
    public Detection detection(String normalizedText, String[] tokens, String language, boolean withModels,
            String sentimentLabel) {
        Map<String, Double> probabilities = withModels ? probabilities(tokens) : Map.of();
        int scan = KeywordScan.scan(normalizedText);
        List<String> local = LanguageRules.intents(language, normalizedText);
        boolean[] found = new boolean[INTENTS.size()];
        for (int i = 0; i < INTENTS.size(); i++) {
            String intent = INTENTS.get(i);
            Rule rule = RULES.get(intent);
            found[i] = rule != null && rule.test(normalizedText, scan) || local.contains(intent);
        }
        boolean negative = "negative".equals(sentimentLabel);
        boolean problem = found[INTENTS.indexOf(OUTAGE)] || found[INTENTS.indexOf(ACCOUNT_SECURITY)]
                || found[INTENTS.indexOf(BILLING)];
        List<String> intents = new ArrayList<>(3);
        for (int i = 0; i < INTENTS.size(); i++) {
            String intent = INTENTS.get(i);
            boolean byModel = probabilities.getOrDefault(intent, 0d) >= threshold;
            boolean counts = switch (intent) {
                case COMPLAINT -> found[i]
                        || byModel && (sentimentLabel == null || negative || problem);
                case PRAISE -> found[i] || byModel && (sentimentLabel == null || "positive".equals(sentimentLabel));
                // an offer is neither written in anger nor a report of a problem: such a post is spam only by a rule
                case SPAM -> found[i] || byModel && !negative && !found[INTENTS.indexOf(COMPLAINT)];
                default -> found[i] || byModel;
            };
            if (counts) {
                intents.add(intent);
            }
        }
        // a bag of words sees "great" in "not great": negated praise is never praise
        if (intents.contains(PRAISE) && Rules.negatesPraise(normalizedText, scan)) {
            intents.remove(PRAISE);
        }
        return new Detection(List.copyOf(intents), probabilities.getOrDefault(COMPLAINT, 0d));
    }

    /** What the intent models are trained on and asked about: {@link #INTERCEPT_TOKEN}, then the post's tokens. */
    public static String[] modelTokens(String[] tokens) {
        String[] words = tokens.length == 0 ? EMPTY : tokens;
        String[] withIntercept = new String[words.length + 1];
        withIntercept[0] = INTERCEPT_TOKEN;
        System.arraycopy(words, 0, withIntercept, 1, words.length);
        return withIntercept;
    }

    /** P(intent) of each model. */
    public Map<String, Double> probabilities(String[] tokens) {
        String[] features = features(modelTokens(tokens));
        double[] sums = new double[INTENTS.size()];
        for (String feature : features) {
            int at = logOdds.find(feature);
            if (at >= 0) {
                for (int i = 0; i < sums.length; i++) {
                    sums[i] += logOdds.weight(at, i);
                }
            }
        }
        Map<String, Double> probabilities = new LinkedHashMap<>();
        for (int i = 0; i < sums.length; i++) {
            probabilities.put(INTENTS.get(i), 1 / (1 + Math.exp(-sums[i])));
        }
        return probabilities;
    }

    /** P(intent) as each OpenNLP model computes it, feature by feature: for tests of {@link #probabilities}. */
    Map<String, Double> probabilitiesByEachModel(String[] tokens) {
        String[] features = features(modelTokens(tokens));
        Map<String, Double> probabilities = new LinkedHashMap<>();
        for (String intent : INTENTS) {
            probabilities.put(intent, models.get(intent).eval(features)[yesIndex.get(intent)]);
        }
        return probabilities;
    }

    /** Intents from the rules alone. */
    public static List<String> byRules(String normalizedText) {
        List<String> intents = new ArrayList<>(3);
        int scan = KeywordScan.scan(normalizedText);
        RULES.forEach((intent, rule) -> {
            if (rule.test(normalizedText, scan)) {
                intents.add(intent);
            }
        });
        return intents;
    }

    /** The intents that have a rule. */
    public static List<String> byRulesIntents() {
        return List.copyOf(RULES.keySet());
    }

    private String[] features(String[] tokens) {
        List<String> features = new ArrayList<>(tokens.length * 2);
        for (FeatureGenerator generator : generators) {
            features.addAll(generator.extractFeatures(tokens, Collections.emptyMap()));
        }
        return features.toArray(String[]::new);
    }

    /**
     * A keyword rule of {@link Rules}, asked with the text's {@link KeywordScan#scan(String)} so that
     * a pattern none of whose anchors is in the text is not run (it could not match).
     */
    @FunctionalInterface
    private interface Rule {
        boolean test(String normalizedText, int scan);
    }

    private static Map<String, Rule> rules() {
        Map<String, Rule> rules = new LinkedHashMap<>();
        rules.put(OUTAGE, (text, scan) -> Rules.find(Rules.OUTAGE, KeywordScan.OUTAGE, text, scan));
        rules.put(BILLING, (text, scan) -> Rules.find(Rules.BILLING, KeywordScan.BILLING, text, scan));
        rules.put(ACCOUNT_SECURITY, (text, scan) -> Rules.find(Rules.SECURITY, KeywordScan.SECURITY, text, scan));
        rules.put(CHURN_RISK, (text, scan) -> Rules.find(Rules.CHURN, KeywordScan.CHURN, text, scan));
        rules.put(LEGAL_THREAT, (text, scan) -> Rules.find(Rules.LEGAL, KeywordScan.LEGAL, text, scan));
        rules.put(QUESTION, Rules::asksQuestion);
        // a complaint word, or a problem reported however politely ("still charged twice, can someone look?")
        rules.put(COMPLAINT, (text, scan) -> Rules.find(Rules.COMPLAINT, KeywordScan.COMPLAINT, text, scan)
                || Rules.reportsProblem(text, scan));
        rules.put(PRAISE, Rules::praises);
        rules.put(SPAM, (text, scan) -> Rules.find(Rules.SPAM, KeywordScan.SPAM, text, scan));
        return rules;
    }
}
