package dev.earshot.sentiment.scoring;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keyword rules of the intents in German, Spanish, French, Italian and Portuguese, read from
 * {@code intents/keywords/<language>.txt} (word lists we wrote, Apache-2.0, the licence stated in
 * each file): per intent, whole words or phrases of the normalised text, a trailing {@code *} for a
 * stem. They join the English rules (which also catch what any language shares: a question mark,
 * "2fa", "error 500", an amount in euros). Immutable once built: shared by all threads.
 */
public final class LanguageRules {

    public static final List<String> LANGUAGES = List.of("de", "es", "fr", "it", "pt");
    static final String RESOURCE = "intents/keywords/%s.txt";
    /** Not part of a word: what may stand before and after a keyword. */
    private static final String BEFORE = "(?<![\\p{L}\\p{N}_])";
    private static final String AFTER = "(?![\\p{L}\\p{N}_])";

    private static final Map<String, Map<String, Pattern>> RULES = load();

    private LanguageRules() {
    }

    /** The intents whose keywords occur in the normalised text, in {@link IntentDetector#INTENTS} order. */
    public static List<String> intents(String language, String normalizedText) {
        Map<String, Pattern> rules = RULES.get(language);
        if (rules == null) {
            return List.of();
        }
        List<String> found = new ArrayList<>(2);
        for (String intent : IntentDetector.INTENTS) {
            Pattern pattern = rules.get(intent);
            if (pattern != null && pattern.matcher(normalizedText).find()) {
                found.add(intent);
            }
        }
        return found;
    }

    /** Whether the language has keyword rules of its own. */
    public static boolean has(String language) {
        return RULES.containsKey(language);
    }

    /** One intent's keywords of a language as a pattern (for tests). */
    static Pattern pattern(String language, String intent) {
        return RULES.getOrDefault(language, Map.of()).get(intent);
    }

    private static Map<String, Map<String, Pattern>> load() {
        Map<String, Map<String, Pattern>> all = new LinkedHashMap<>();
        for (String language : LANGUAGES) {
            String resource = RESOURCE.formatted(language);
            Map<String, String> lines = new LinkedHashMap<>();
            try (InputStream in = Resources.open(resource);
                    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    int tab = line.indexOf('\t');
                    if (line.startsWith("#") || tab < 0) {
                        continue;
                    }
                    String intent = line.substring(0, tab).strip();
                    if (!IntentDetector.INTENTS.contains(intent)) {
                        throw new IllegalStateException(resource + ": unknown intent " + intent);
                    }
                    lines.put(intent, line.substring(tab + 1).strip());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
            Map<String, Pattern> rules = new LinkedHashMap<>();
            for (String intent : IntentDetector.INTENTS) {
                String alternatives = lines.get(intent);
                if (alternatives != null && !alternatives.isEmpty()) {
                    rules.put(intent, compile(alternatives));
                }
            }
            all.put(language, Map.copyOf(rules));
        }
        return Map.copyOf(all);
    }

    /** {@code a|b*|c d} as one pattern of whole words; {@code b*} is the stem b and any letters after it. */
    static Pattern compile(String alternatives) {
        StringBuilder regex = new StringBuilder(BEFORE).append("(?:");
        String separator = "";
        for (String alternative : alternatives.split("\\|")) {
            String word = alternative.strip();
            if (word.isEmpty()) {
                continue;
            }
            regex.append(separator);
            separator = "|";
            if (word.endsWith("*")) {
                regex.append(Pattern.quote(word.substring(0, word.length() - 1))).append("\\p{L}*");
            } else {
                regex.append(Pattern.quote(word));
            }
        }
        return Pattern.compile(regex.append(')').append(AFTER).toString());
    }
}
