package dev.earshot.sentiment.scoring;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Word valences for the feature generator and the VADER-style baseline: the VADER lexicon shipped in
 * {@code lexicon/vader_lexicon.txt} (MIT, notice beside it; mean human valence -4..+4), a few
 * emoji the lexicon lacks, and the closed word classes that shift a valence (negations, boosters,
 * dampeners, contrast words). Loaded once per class loader and immutable, so shared by all threads.
 */
public final class SentimentLexicon {

    public static final String RESOURCE = "lexicon/vader_lexicon.txt";

    /** VADER's scale for a negated valence. */
    public static final double NEGATION_SCALAR = -0.74;
    /** VADER's step for a booster or dampener word. */
    public static final double BOOST_STEP = 0.293;

    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "nothing", "nobody", "none", "nowhere",
            "neither", "nor", "cannot", "cant", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent",
            "wont", "wouldnt", "shouldnt", "couldnt", "havent", "hasnt", "hadnt", "aint", "without", "rarely",
            "seldom", "despite");
    /**
     * Negation words of the other languages with a sentiment model (we wrote these lists; closed word
     * classes of each language's grammar, Apache-2.0 like the rest of the code).
     */
    private static final Map<String, Set<String>> OTHER_NEGATIONS = Map.of(
            "de", Set.of("nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals",
                    "nichts", "niemand", "nirgends", "ohne", "weder"),
            "es", Set.of("no", "nunca", "jamás", "jamas", "nada", "nadie", "ni", "sin", "ningún", "ninguna",
                    "ninguno", "tampoco"),
            "fr", Set.of("ne", "n'", "pas", "jamais", "rien", "aucun", "aucune", "sans", "ni", "non"),
            "it", Set.of("non", "mai", "niente", "nulla", "nessuno", "nessuna", "senza", "né", "neanche",
                    "nemmeno", "neppure"),
            "pt", Set.of("não", "nao", "nunca", "jamais", "nada", "ninguém", "ninguem", "nem", "sem", "nenhum",
                    "nenhuma", "tampouco"));

    private static final Set<String> CONTRASTS = Set.of("but", "however", "although", "though", "yet", "except");
    private static final Set<String> BOOSTERS = Set.of("absolutely", "amazingly", "awfully", "completely",
            "considerably", "decidedly", "deeply", "effing", "enormously", "entirely", "especially", "exceptionally",
            "extremely", "fabulously", "flipping", "flippin", "fricking", "frickin", "frigging", "friggin", "fully",
            "fucking", "fuckin", "greatly", "hella", "highly", "hugely", "incredibly", "intensely", "majorly", "more",
            "most", "particularly", "purely", "quite", "really", "remarkably", "so", "soo", "substantially",
            "thoroughly", "totally", "tremendously", "uber", "unbelievably", "unusually", "utterly", "very", "super",
            "mega", "way", "wayy", "seriously", "literally", "damn", "bloody");
    private static final Set<String> DAMPENERS = Set.of("almost", "barely", "hardly", "kinda", "kindof", "less",
            "little", "marginally", "occasionally", "partly", "scarcely", "slightly", "somewhat", "sorta", "sortof",
            "bit", "fairly");
    /** Emoji the VADER lexicon does not rate, on its -4..+4 scale. */
    private static final Map<String, Double> EMOJI = emoji();

    private static volatile SentimentLexicon instance;

    private final Map<String, Double> valences;

    private SentimentLexicon(Map<String, Double> valences) {
        this.valences = valences;
    }

    /** The shipped lexicon, read on first use. */
    public static SentimentLexicon get() {
        SentimentLexicon lexicon = instance;
        if (lexicon == null) {
            synchronized (SentimentLexicon.class) {
                lexicon = instance;
                if (lexicon == null) {
                    lexicon = load();
                    instance = lexicon;
                }
            }
        }
        return lexicon;
    }

    private static SentimentLexicon load() {
        InputStream in = SentimentLexicon.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("no class-path resource " + RESOURCE);
        }
        Map<String, Double> valences = new HashMap<>(16_384);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                int tab = line.indexOf('\t');
                int next = tab < 0 ? -1 : line.indexOf('\t', tab + 1);
                if (tab <= 0 || next < 0) {
                    continue;
                }
                // lowercase like the normaliser: ":D" and ":d" are one token there, keep the first
                valences.putIfAbsent(line.substring(0, tab).toLowerCase(Locale.ROOT),
                        Double.parseDouble(line.substring(tab + 1, next)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        EMOJI.forEach(valences::putIfAbsent);
        return new SentimentLexicon(Map.copyOf(valences));
    }

    /** Valence -4..+4 of a lowercase token, 0 when it carries none. */
    public double valence(String token) {
        Double valence = valences.get(token);
        return valence == null ? 0 : valence;
    }

    public int size() {
        return valences.size();
    }

    /** "not", "never", "don't", "cannot", ... (apostrophes optional). */
    public static boolean isNegation(String token) {
        return NEGATIONS.contains(token) || token.endsWith("n't") || NEGATIONS.contains(token.replace("'", ""));
    }

    /** The negation words of a language other than English (empty for English and unknown languages). */
    public static Set<String> negations(String language) {
        return OTHER_NEGATIONS.getOrDefault(language, Set.of());
    }

    /** "but", "however", ...: what follows outweighs what came before. */
    public static boolean isContrast(String token) {
        return CONTRASTS.contains(token);
    }

    /** +{@value #BOOST_STEP} for "very", "so", ...; minus that for "barely", "kinda", ...; else 0. */
    public static double boost(String token) {
        if (BOOSTERS.contains(token)) {
            return BOOST_STEP;
        }
        return DAMPENERS.contains(token) ? -BOOST_STEP : 0;
    }

    /** Ends a negation's scope: clause punctuation. */
    public static boolean isClauseEnd(String token) {
        return token.length() == 1 && ".,;:!?".indexOf(token.charAt(0)) >= 0;
    }

    private static Map<String, Double> emoji() {
        Map<String, Double> emoji = new HashMap<>();
        for (String positive : new String[] {"😀", "😃", "😄", "😁", "😆", "😊", "🙂", "😍", "🥰", "😘", "😻", "👍",
            "👏", "🙌", "🎉", "🥳", "💯", "🔥", "✨", "❤", "♥", "💕", "💖", "💗", "💙", "💚", "💜", "🧡", "💛", "😎",
            "🤩", "🙏", "✅", "🚀", "👌", "😂", "🤣", "😅", "😇", "☺", "💪", "🏆", "⭐", "🌟"}) {
            emoji.put(positive, 2.0);
        }
        for (String negative : new String[] {"😠", "😡", "🤬", "😤", "😞", "😟", "😢", "😭", "😩", "😫", "😖", "😣",
            "☹", "🙁", "😒", "🙄", "👎", "💔", "😱", "😨", "😰", "🤮", "🤢", "💩", "😬", "😑", "😐", "🤦", "😓",
            "😔", "😕", "❌", "⚠", "🆘"}) {
            emoji.put(negative, -2.0);
        }
        emoji.put("😐", -0.5);
        emoji.put("😑", -0.8);
        emoji.put("🔥", 1.5);
        return emoji;
    }
}
