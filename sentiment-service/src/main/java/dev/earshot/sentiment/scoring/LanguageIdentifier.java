package dev.earshot.sentiment.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;
import opennlp.tools.ml.model.MaxentModel;

/**
 * The language of a post: the OpenNLP language model ({@code opennlp-models-langdetect}, 103
 * languages from character n-grams) for posts long enough for it, and English-word evidence for the
 * short ones, where character n-grams are weak ("lol ok" looks Esperanto to the model). Answers a
 * BCP 47 primary tag ({@code en}, {@code de}; ISO 639-3 where there is no two-letter code) or
 * {@code und} when neither is sure.
 *
 * <p>{@link LanguageDetectorME} is not thread-safe, and it ranks all 103 languages where three are
 * enough, so it is not used: {@link #context(String)} makes the n-grams it would make and the
 * shared, read-only {@link MaxentModel} evaluates them. One instance serves all threads.
 */
public final class LanguageIdentifier {

    public static final String MODEL_RESOURCE = "langdetect-183.bin";
    public static final String UNDETERMINED = "und";
    public static final String ENGLISH = "en";
    /** Fewer letters than this and the n-gram model is not asked at all. */
    public static final int SHORT_POST_LETTERS = 25;
    /**
     * The n-gram model's answer counts when its best language is this many times as likely as the
     * runner-up (its probabilities are spread over 103 languages, so the absolute value says little).
     */
    public static final double MIN_MARGIN = 1.5;
    private static final int MAX_CHARS = 200;
    /** Frequent English words a text needs for {@link #clearlyEnglish(String)}. */
    static final int CLEAR_ENGLISH_WORDS = 5;

    /** Frequent English function words and social-media English, for the short-post fallback. */
    private static final Set<String> ENGLISH_WORDS = Set.of((
            "the a an and or but of to in on at for with from by is are was were be been am i you he she it " +
            "we they me my your our their this that these those what why how when where who which not no yes " +
            "do does did don't doesn't didn't can can't cannot will won't would should could have has had " +
            "i'm it's that's there here just so very too all any some more about again still now today " +
            "thanks thank please pls plz hi hey hello ok okay lol lmao omg wtf idk tbh btw imo imho thx ty u " +
            "ur im dont cant wont gonna wanna gotta yeah yep nope nah love great good bad awesome nice cool " +
            "sucks fix down help new app got get if out up one like really know work working ever never best " +
            "worst happy sad wow yay ugh damn guys thing day time lost account update service support refund " +
            "money ordered order going tomorrow tonight night see back want make may go come people think " +
            "need much well only also as than then after before first last next year week man game watch " +
            "home excited almost").split(" "));

    private final MaxentModel maxent;
    private final int englishOutcome;
    private final Map<String, String> twoLetterCodes = new HashMap<>();

    public LanguageIdentifier(LanguageDetectorModel model) {
        this.maxent = model.getMaxentModel();
        this.englishOutcome = maxent.getIndex("eng");
        for (String code : Locale.getISOLanguages()) {
            try {
                twoLetterCodes.put(new Locale(code).getISO3Language(), code);
            } catch (java.util.MissingResourceException e) {
                // no three-letter code for this language: the model cannot answer it either
            }
        }
        // the model's codes for languages Java files under their macrolanguage
        twoLetterCodes.put("cmn", "zh");
        twoLetterCodes.put("pes", "fa");
        twoLetterCodes.put("zsm", "ms");
        twoLetterCodes.put("lvs", "lv");
        twoLetterCodes.put("ekk", "et");
        twoLetterCodes.put("nob", "nb");
        twoLetterCodes.put("swh", "sw");
        twoLetterCodes.put("uzn", "uz");
        twoLetterCodes.put("azj", "az");
        twoLetterCodes.put("arb", "ar");
        twoLetterCodes.put("plt", "mg");
        twoLetterCodes.put("khk", "mn");
    }

    /** The model shipped in {@code opennlp-models-langdetect}. */
    public static LanguageIdentifier loadDefault() throws IOException {
        try (InputStream in = Resources.open(MODEL_RESOURCE)) {
            return new LanguageIdentifier(new LanguageDetectorModel(in));
        }
    }

    /**
     * Which language and how it was decided: {@code model}; {@code english-words} (the model was
     * unsure, English among its top three and enough frequent English words); {@code short-post};
     * {@code hint} (the platform's tag); {@code none}.
     */
    public record Result(String language, double confidence, String method) {
    }

    /**
     * @param normalizedText text after {@link TextNormalizer#normalize(String)}
     * @param hint the platform's language tag, or null
     */
    public Result identify(String normalizedText, String hint) {
        return identifyLetters(lettersOnly(normalizedText), hint);
    }

    /**
     * {@link #identify(String, String)}{@code .language()}, the only part the scoring path uses,
     * without asking the n-gram model when the text is {@linkplain #clearlyEnglish(String) clearly
     * English}: there {@link #identify} answers English too, from the model or, when the model is
     * unsure, from the same English-word evidence (checked against {@link #identify} on the
     * intent set, the test texts and the tweet and review corpora: no text answered differently).
     */
    public String language(String normalizedText, String hint) {
        String letters = lettersOnly(normalizedText);
        return clearlyEnglish(letters) ? ENGLISH : identifyLetters(letters, hint).language();
    }

    /**
     * Only ASCII letters, at least {@value #CLEAR_ENGLISH_WORDS} frequent English words and at least
     * half of the words frequent English words. Below {@value #SHORT_POST_LETTERS} letters this is
     * exactly the short-post rule of {@link #identify}; above, the n-gram model agrees on every such
     * text we have (the highest English-word share of any text it placed elsewhere is 0.39).
     */
    static boolean clearlyEnglish(String letters) {
        int words = 0;
        int english = 0;
        int start = 0;
        int length = letters.length();
        while (start < length) {
            int end = letters.indexOf(' ', start);
            if (end < 0) {
                end = length;
            }
            if (end > start) {
                for (int i = start; i < end; i++) {
                    if (letters.charAt(i) >= 128) {
                        return false;
                    }
                }
                words++;
                if (ENGLISH_WORDS.contains(letters.substring(start, end))) {
                    english++;
                }
            }
            start = end + 1;
        }
        return english >= CLEAR_ENGLISH_WORDS && english * 2 >= words;
    }

    private Result identifyLetters(String letters, String hint) {
        int letterCount = 0;
        int latin = 0;
        for (int i = 0; i < letters.length(); i++) {
            char c = letters.charAt(i);
            if (Character.isLetter(c)) {
                letterCount++;
                if (c < 0x250) {
                    latin++;
                }
            }
        }
        if (letterCount == 0) {
            return fallback(hint);
        }
        boolean englishInModelsTopThree = false;
        if (letterCount >= SHORT_POST_LETTERS) {
            double[] probabilities = maxent.eval(context(letters.length() > MAX_CHARS
                    ? letters.substring(0, MAX_CHARS) : letters));
            int best = 0;
            int second = -1;
            int third = -1;
            for (int i = 1; i < probabilities.length; i++) {
                if (probabilities[i] > probabilities[best]) {
                    third = second;
                    second = best;
                    best = i;
                } else if (second < 0 || probabilities[i] > probabilities[second]) {
                    third = second;
                    second = i;
                } else if (third < 0 || probabilities[i] > probabilities[third]) {
                    third = i;
                }
            }
            if (probabilities[best] >= MIN_MARGIN * probabilities[second]) {
                return new Result(tag(maxent.getOutcome(best)), round(probabilities[best]), "model");
            }
            englishInModelsTopThree = best == englishOutcome || second == englishOutcome || third == englishOutcome;
        }
        if (latin * 2 > letterCount) {
            double share = englishShare(letters);
            if (share >= 0.5 || (share >= 0.2 && englishInModelsTopThree)) {
                return new Result(ENGLISH, round(share), letterCount >= SHORT_POST_LETTERS ? "english-words" : "short-post");
            }
        }
        return fallback(hint);
    }

    /**
     * The language model's features: every distinct character 1-, 2- and 3-gram of the text. On our
     * letters-and-spaces text this is exactly what the model's own context generator makes (its URL,
     * number, emoji and repetition normalisers have nothing left to do; a test checks it), at a
     * fraction of the cost.
     */
    static String[] context(String text) {
        Set<String> grams = new HashSet<>(text.length() * 3);
        for (int n = 1; n <= 3; n++) {
            for (int i = 0; i + n <= text.length(); i++) {
                grams.add(text.substring(i, i + n));
            }
        }
        return grams.toArray(String[]::new);
    }

    private static Result fallback(String hint) {
        if (hint != null && !hint.isBlank()) {
            String primary = hint.strip().toLowerCase(Locale.ROOT);
            int dash = primary.indexOf('-');
            return new Result(dash > 0 ? primary.substring(0, dash) : primary, 0, "hint");
        }
        return new Result(UNDETERMINED, 0, "none");
    }

    /** Share of words that are frequent English words. */
    static double englishShare(String letters) {
        int words = 0;
        int english = 0;
        for (String word : letters.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            words++;
            if (ENGLISH_WORDS.contains(word)) {
                english++;
            }
        }
        return words == 0 ? 0 : (double) english / words;
    }

    /** Words only: the normaliser's invented tokens, digits, punctuation and emoji give no evidence. */
    static String lettersOnly(String normalizedText) {
        StringBuilder out = new StringBuilder(normalizedText.length());
        int start = 0;
        while (start < normalizedText.length()) {
            int end = normalizedText.indexOf(' ', start);
            if (end < 0) {
                end = normalizedText.length();
            }
            String token = normalizedText.substring(start, end);
            start = end + 1;
            if (SocialSentimentFeatureGenerator.isMark(token)) {
                continue;
            }
            int wordStart = out.length();
            if (wordStart > 0) {
                out.append(' ');
            }
            boolean letters = false;
            for (int i = 0; i < token.length(); ) {
                int codePoint = token.codePointAt(i);
                if (Character.isLetter(codePoint) || codePoint == '\'') {
                    out.appendCodePoint(codePoint);
                    letters = true;
                }
                i += Character.charCount(codePoint);
            }
            if (!letters) {
                out.setLength(wordStart);
            }
        }
        return out.toString();
    }

    private String tag(String iso3) {
        return twoLetterCodes.getOrDefault(iso3, iso3);
    }

    private static double round(double value) {
        return Math.round(value * 1000d) / 1000d;
    }
}
