package dev.earshot.sentiment.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The baseline our model has to beat: a VADER-style lexicon scorer over the shipped lexicon, with
 * VADER's rules (Hutto and Gilbert, 2014) re-implemented from their description: valences of the
 * words, boosters and dampeners within three words before, negation within three words before
 * (times -0.74), capitals for emphasis in a text that is not all capitals (+0.733), "but" (before
 * times 0.5, after times 1.5), exclamation marks (+0.292 each, at most four) and repeated question
 * marks, the compound {@code sum / sqrt(sum^2 + 15)}, and the standard thresholds: positive from
 * +0.05, negative to -0.05. Used only by the evaluation command, never in the service.
 */
public final class VaderBaseline {

    public static final double THRESHOLD = 0.05;
    private static final double CAPS_INCREMENT = 0.733;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final String EDGE_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private final SentimentLexicon lexicon = SentimentLexicon.get();

    /** {@code negative}, {@code neutral} or {@code positive}. */
    public String label(String rawText) {
        double compound = compound(rawText);
        return compound >= THRESHOLD ? "positive" : compound <= -THRESHOLD ? "negative" : "neutral";
    }

    public double compound(String rawText) {
        String text = TextNormalizer.decodeEntities(TextNormalizer.decodeUnicodeEscapes(rawText == null ? "" : rawText));
        List<String> words = words(text);
        boolean mixedCase = hasMixedCase(words);
        double[] valences = new double[words.size()];
        int butAt = -1;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String lower = word.toLowerCase(Locale.ROOT);
            if (butAt < 0 && lower.equals("but")) {
                butAt = i;
            }
            double valence = lexicon.valence(lower);
            if (valence == 0 || SentimentLexicon.boost(lower) != 0) {
                continue;
            }
            if (mixedCase && isAllCaps(word)) {
                valence += Math.signum(valence) * CAPS_INCREMENT;
            }
            for (int back = 1; back <= 3 && i - back >= 0; back++) {
                String before = words.get(i - back);
                double step = SentimentLexicon.boost(before.toLowerCase(Locale.ROOT));
                if (step != 0) {
                    if (mixedCase && isAllCaps(before)) {
                        step += Math.signum(step) * CAPS_INCREMENT;
                    }
                    double decay = back == 1 ? 1 : back == 2 ? 0.95 : 0.9;
                    valence += Math.signum(valence) * step * decay;
                }
                if (SentimentLexicon.isNegation(before.toLowerCase(Locale.ROOT))) {
                    valence *= SentimentLexicon.NEGATION_SCALAR;
                }
            }
            valences[i] = valence;
        }
        double sum = 0;
        for (int i = 0; i < valences.length; i++) {
            double valence = valences[i];
            if (butAt >= 0) {
                valence *= i < butAt ? 0.5 : i > butAt ? 1.5 : 1;
            }
            sum += valence;
        }
        if (sum != 0) {
            sum += Math.signum(sum) * punctuationEmphasis(text);
        }
        return sum / Math.sqrt(sum * sum + 15);
    }

    private static double punctuationEmphasis(String text) {
        int exclamations = 0;
        int questions = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '!') {
                exclamations++;
            } else if (c == '?') {
                questions++;
            }
        }
        double emphasis = Math.min(exclamations, 4) * 0.292;
        if (questions > 1) {
            emphasis += questions <= 3 ? questions * 0.18 : 0.96;
        }
        return emphasis;
    }

    /** Whitespace-separated words stripped of edge punctuation, unless the whole word is a rated emoticon. */
    private List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String raw : WHITESPACE.split(text.strip())) {
            if (raw.isEmpty()) {
                continue;
            }
            if (lexicon.valence(raw.toLowerCase(Locale.ROOT)) != 0) {
                words.add(raw);
                continue;
            }
            int start = 0;
            int end = raw.length();
            while (start < end && EDGE_PUNCTUATION.indexOf(raw.charAt(start)) >= 0) {
                start++;
            }
            while (end > start && EDGE_PUNCTUATION.indexOf(raw.charAt(end - 1)) >= 0) {
                end--;
            }
            if (end - start > 1) {
                words.add(raw.substring(start, end));
            }
        }
        return words;
    }

    private static boolean hasMixedCase(List<String> words) {
        int caps = 0;
        for (String word : words) {
            if (isAllCaps(word)) {
                caps++;
            }
        }
        return caps > 0 && caps < words.size();
    }

    private static boolean isAllCaps(String word) {
        boolean letter = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isLowerCase(c)) {
                return false;
            }
            letter |= Character.isUpperCase(c);
        }
        return letter;
    }
}
