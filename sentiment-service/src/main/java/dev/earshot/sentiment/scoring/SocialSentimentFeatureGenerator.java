package dev.earshot.sentiment.scoring;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import opennlp.tools.doccat.FeatureGenerator;

/**
 * The sentiment model's own features over {@link TextNormalizer} tokens. The trained model names
 * this class in its manifest, and {@link SentimentModel} refuses a model that names anything else,
 * so training and serving always extract the same features. Stateless: one instance serves all
 * threads.
 *
 * <ul>
 * <li>{@code w=}: each word; inside a negation's scope (from "not", "never", "don't", ... to the
 * end of the clause) as {@code w=not_word}.</li>
 * <li>{@code b=}: bigrams of neighbouring tokens.</li>
 * <li>{@code lx=}: the word's lexicon valence in whole-number buckets, after VADER's rules:
 * boosted or dampened by "very"/"barely" before it, flipped by negation, halved before a contrast
 * word ("but") and raised by half after it. {@code lxb=} when a booster changed it.</li>
 * <li>Document level: the VADER-style compound of those valences ({@code cmp=}), the positive and
 * negative sums ({@code pos=}, {@code neg=}), mixed polarity, the polarity after a contrast word
 * ({@code but=}) and of the last rated word ({@code last=}), exclamation and question marks,
 * elongation and shouting markers ({@code m=}).</li>
 * </ul>
 */
public class SocialSentimentFeatureGenerator implements FeatureGenerator {

    private static final int NEGATION_SCOPE = 4;
    private static final double CONTRAST_BEFORE = 0.5;
    private static final double CONTRAST_AFTER = 1.5;

    /** Character n-grams of each word, from {@value #MIN_GRAM} to {@value #MAX_GRAM} characters. */
    static final int MIN_GRAM = 3;
    static final int MAX_GRAM = 5;

    private final SentimentLexicon lexicon;
    private final java.util.Set<String> negations;
    private final boolean charGrams;

    /** The features of the English model; OpenNLP needs this constructor to recreate a model's generator. */
    public SocialSentimentFeatureGenerator() {
        this(LanguageIdentifier.ENGLISH);
    }

    /** The features of the model of a language ({@code en}, {@code de}, ...): its negation words. */
    public SocialSentimentFeatureGenerator(String language) {
        this(language, true);
    }

    /** @param charGrams whether to add character n-grams (off only to measure what they bring) */
    public SocialSentimentFeatureGenerator(String language, boolean charGrams) {
        this.lexicon = SentimentLexicon.get();
        this.negations = SentimentLexicon.negations(language);
        this.charGrams = charGrams;
    }

    /**
     * The features of one text and where they came from: feature {@code k} came from tokens
     * {@code from[k]..to[k]}, or from the whole text when {@code from[k]} is -1. {@code valences}
     * holds each token's adjusted lexicon valence (0 when unrated), which document-level lexicon
     * features are shared out by.
     */
    public record Extraction(String[] tokens, List<String> features, int[] from, int[] to, double[] valences,
            boolean[] lexiconFeature, double compound) {
    }

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        return extract(tokens).features();
    }

    public Extraction extract(String[] tokens) {
        int n = tokens.length;
        Builder out = new Builder(n * 4 + 12);
        boolean[] negated = new boolean[n];
        int contrastAt = -1;
        int scopeLeft = 0;
        for (int i = 0; i < n; i++) {
            String token = tokens[i];
            if (SentimentLexicon.isClauseEnd(token)) {
                scopeLeft = 0;
            } else if (negations.contains(token) || SentimentLexicon.isNegation(token)) {
                scopeLeft = NEGATION_SCOPE;
                continue;
            } else if (scopeLeft > 0) {
                negated[i] = true;
                scopeLeft--;
            }
            if (contrastAt < 0 && SentimentLexicon.isContrast(token)) {
                contrastAt = i;
            }
        }

        double[] valences = new double[n];
        double positiveSum = 0;
        double negativeSum = 0;
        double afterContrast = 0;
        double lastRated = 0;
        int exclamations = 0;
        boolean question = false;
        for (int i = 0; i < n; i++) {
            String token = tokens[i];
            if (isMark(token)) {
                if (!token.equals(TextNormalizer.URL_TOKEN) && !token.equals(TextNormalizer.USER_TOKEN)) {
                    out.add("m=" + token, -1, -1, false);
                    continue;
                }
            }
            if (token.equals("!")) {
                exclamations++;
            } else if (token.equals("?")) {
                question = true;
            }
            out.add(negated[i] ? "w=not_" + token : "w=" + token, i, i, false);
            if (charGrams) {
                charGrams(token, i, out);
            }
            if (i + 1 < n && !isMark(tokens[i + 1])) {
                out.add("b=" + token + "|" + tokens[i + 1], i, i + 1, false);
            }
            double valence = lexicon.valence(token);
            if (valence == 0) {
                continue;
            }
            double boost = 0;
            for (int back = 1; back <= 3 && i - back >= 0; back++) {
                double step = SentimentLexicon.boost(tokens[i - back]);
                if (step != 0) {
                    boost += step * (back == 1 ? 1 : back == 2 ? 0.95 : 0.9);
                }
            }
            if (boost != 0) {
                valence += Math.signum(valence) * boost;
                out.add("lxb=" + (valence > 0 ? "p" : "n"), i, i, true);
            }
            if (negated[i]) {
                valence *= SentimentLexicon.NEGATION_SCALAR;
            }
            if (contrastAt >= 0) {
                valence *= i < contrastAt ? CONTRAST_BEFORE : CONTRAST_AFTER;
                if (i > contrastAt) {
                    afterContrast += valence;
                }
            }
            valences[i] = valence;
            lastRated = valence;
            if (valence > 0) {
                positiveSum += valence;
            } else {
                negativeSum -= valence;
            }
            out.add("lx=" + bucket(valence), i, i, true);
        }

        double sum = positiveSum - negativeSum;
        double compound = sum / Math.sqrt(sum * sum + 15);
        out.add("cmp=" + Math.round(compound * 5), -1, -1, true);
        out.add("pos=" + magnitude(positiveSum), -1, -1, true);
        out.add("neg=" + magnitude(negativeSum), -1, -1, true);
        if (positiveSum > 0 && negativeSum > 0) {
            out.add("mixed", -1, -1, true);
        }
        if (contrastAt >= 0) {
            out.add("but=" + polarity(afterContrast), -1, -1, true);
        }
        if (lastRated != 0) {
            out.add("last=" + polarity(lastRated), -1, -1, true);
        }
        if (exclamations > 0) {
            out.add("excl=" + Math.min(exclamations, 3), -1, -1, false);
        }
        if (question) {
            out.add("question", -1, -1, false);
        }
        return new Extraction(tokens, out.features, out.from(), out.to(), valences, out.lexicon(), compound);
    }

    /**
     * {@code c=} n-grams of the word padded with {@code <} and {@code >}: they carry what a word list
     * cannot (inflections, spelling variants, words the training pool never saw whole), in any
     * language. Only for words of at least {@value #MIN_GRAM} characters that are not all digits.
     */
    private static void charGrams(String token, int i, Builder out) {
        int length = token.length();
        if (length < MIN_GRAM || !Character.isLetter(token.charAt(0)) && !Character.isLetter(token.charAt(length - 1))) {
            return;
        }
        // "<token>" once, then each feature "c=" + gram built in one buffer: one string per feature
        char[] padded = new char[length + 2];
        padded[0] = '<';
        token.getChars(0, length, padded, 1);
        padded[length + 1] = '>';
        char[] feature = new char[2 + MAX_GRAM];
        feature[0] = 'c';
        feature[1] = '=';
        for (int n = MIN_GRAM; n <= MAX_GRAM && n < padded.length; n++) {
            // n == padded.length would be the whole padded word: the w= feature says that already
            for (int start = 0; start + n <= padded.length; start++) {
                System.arraycopy(padded, start, feature, 2, n);
                out.add(new String(feature, 0, n + 2), i, i, false);
            }
        }
    }

    static boolean isMark(String token) {
        return token.startsWith(TextNormalizer.MARK_PREFIX) && token.length() > 2
                && (token.equals(TextNormalizer.URL_TOKEN) || token.equals(TextNormalizer.USER_TOKEN)
                        || token.equals(TextNormalizer.ELONGATED_MARK) || token.equals(TextNormalizer.SHOUTED_MARK));
    }

    private static String bucket(double valence) {
        long rounded = Math.max(-4, Math.min(4, Math.round(valence)));
        return rounded == 0 ? (valence > 0 ? "p0" : "n0") : (rounded > 0 ? "p" + rounded : "n" + -rounded);
    }

    private static int magnitude(double sum) {
        if (sum == 0) {
            return 0;
        }
        return sum < 1 ? 1 : sum < 2 ? 2 : sum < 3.5 ? 3 : sum < 5.5 ? 4 : 5;
    }

    private static String polarity(double value) {
        return value > 0 ? "p" : value < 0 ? "n" : "0";
    }

    private static final class Builder {
        final List<String> features;
        int[] from;
        int[] to;
        boolean[] lexicon;

        Builder(int capacity) {
            features = new ArrayList<>(capacity);
            from = new int[capacity];
            to = new int[capacity];
            lexicon = new boolean[capacity];
        }

        void add(String feature, int first, int last, boolean fromLexicon) {
            int k = features.size();
            if (k == from.length) {
                from = java.util.Arrays.copyOf(from, k * 2);
                to = java.util.Arrays.copyOf(to, k * 2);
                lexicon = java.util.Arrays.copyOf(lexicon, k * 2);
            }
            features.add(feature);
            from[k] = first;
            to[k] = last;
            lexicon[k] = fromLexicon;
        }

        int[] from() {
            return java.util.Arrays.copyOf(from, features.size());
        }

        int[] to() {
            return java.util.Arrays.copyOf(to, features.size());
        }

        boolean[] lexicon() {
            return java.util.Arrays.copyOf(lexicon, features.size());
        }
    }
}
