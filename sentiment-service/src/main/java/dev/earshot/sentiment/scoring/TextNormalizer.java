package dev.earshot.sentiment.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one text cleaner of the service: training ({@code TrainSentimentModel}) and serving
 * ({@link SentimentScorer}, urgency and intent rules) both go through it, so the model never sees
 * text shaped differently from what it was trained on.
 *
 * <p>Steps: decode literal {@code \\uXXXX} escapes and HTML entities, lowercase, URLs to
 * {@link #URL_TOKEN}, {@code @handles} to {@link #USER_TOKEN}, hashtags keep their word, letters
 * and punctuation repeated three times or more squeezed to two, whitespace collapsed. Emoticons and
 * emoji are kept and become tokens of their own in {@link #tokens(String)}. What lowercasing and
 * squeezing would lose is kept as marker tokens at the end: {@link #ELONGATED_MARK} ("soooo") and
 * {@link #SHOUTED_MARK} (a word of three or more capitals in a text that is not all capitals).
 */
public final class TextNormalizer {

    /** Stands for any URL. */
    public static final String URL_TOKEN = "xxurl";
    /** Stands for any {@code @handle}. */
    public static final String USER_TOKEN = "xxuser";
    /** Appended when a letter was repeated three times or more ("soooo"). */
    public static final String ELONGATED_MARK = "xxelong";
    /** Appended when a word was written in capitals for emphasis ("this is NOT ok"). */
    public static final String SHOUTED_MARK = "xxshout";
    /** Prefix of every token the normalizer makes up: such tokens are never words of the post. */
    public static final String MARK_PREFIX = "xx";

    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final Map<String, String> NAMED_ENTITIES = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", " "), Map.entry("hellip", "…"), Map.entry("mdash", "—"),
            Map.entry("ndash", "–"), Map.entry("rsquo", "'"), Map.entry("lsquo", "'"), Map.entry("rdquo", "\""),
            Map.entry("ldquo", "\""), Map.entry("euro", "€"), Map.entry("pound", "£"));
    private static final Pattern URL = Pattern.compile("(?i)(?:https?://|www\\.)\\S+");
    private static final Pattern HANDLE = Pattern.compile("(?<![\\p{L}\\p{N}_])@[\\p{L}\\p{N}_]+(?:@[\\w.-]+)?");
    private static final Pattern HASHTAG = Pattern.compile("(?<![\\p{L}\\p{N}_&])#([\\p{L}\\p{N}_]+)");
    private static final Pattern ELONGATION = Pattern.compile("(\\p{L})\\1{2,}|([!?.])\\2{2,}");
    private static final Pattern LETTER_ELONGATION = Pattern.compile("(\\p{L})\\1{2,}");
    private static final Pattern SHOUTED_WORD = Pattern.compile("(?<![\\p{L}\\p{N}_@#/])\\p{Lu}{3,}(?![\\p{L}\\p{N}_])");
    private static final Pattern LOWERCASE_LETTER = Pattern.compile("\\p{Ll}");
    private static final Pattern CURLY_APOSTROPHE = Pattern.compile("[\\u2018\\u2019\\u02bc`´]");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /**
     * Emoticons first, then words (with inner apostrophes), then ! and ?, then clause punctuation
     * (the end of a negation's scope), then emoji and symbols.
     */
    private static final Pattern TOKEN = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(?:[:;=][-o'^]?[)\\](\\[dpo/\\\\|3*]+|<3+|</3|\\^_?\\^)"
                    + "|[\\p{L}\\p{N}_]+(?:'[\\p{L}]+)*"
                    + "|[!?]"
                    + "|[.,;:]"
                    + "|[\\p{So}\\p{Sk}]");

    private TextNormalizer() {
    }

    /** The cleaned text (never null). */
    public static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return "";
        }
        String text = decodeUnicodeEscapes(raw);
        text = decodeEntities(decodeEntities(text));
        // the guards skip a regex pass where it cannot match: most posts have no link, handle or tag
        if (hasCurlyApostrophe(text)) {
            text = CURLY_APOSTROPHE.matcher(text).replaceAll("'");
        }
        if (text.indexOf("://") >= 0 || containsIgnoreCase(text, "www.")) {
            text = URL.matcher(text).replaceAll(" " + URL_TOKEN + " ");
        }
        if (text.indexOf('@') >= 0) {
            text = HANDLE.matcher(text).replaceAll(" " + USER_TOKEN + " ");
        }
        // before lowercasing, and after links and handles are gone ("www", "@ACME" are not emphasis)
        // SHOUTED_WORD needs three capitals in a row, the elongation patterns one character three
        // times in a row: without such a run they cannot match and are not run
        boolean shouted = hasRun(text, true) && SHOUTED_WORD.matcher(text).find()
                && LOWERCASE_LETTER.matcher(text).find();
        boolean elongated = hasRun(text, false) && LETTER_ELONGATION.matcher(text).find();
        text = text.toLowerCase(Locale.ROOT);
        if (text.indexOf('#') >= 0) {
            text = HASHTAG.matcher(text).replaceAll("$1");
        }
        if (hasRun(text, false)) { // lowercasing can make a run: "Ooo"
            text = ELONGATION.matcher(text).replaceAll(match -> {
                String unit = match.group(1) != null ? match.group(1) : match.group(2);
                return Matcher.quoteReplacement(unit + unit);
            });
        }
        if (hasWhitespaceToCollapse(text)) {
            text = WHITESPACE.matcher(text).replaceAll(" ");
        }
        text = text.strip();
        // a stray quote left at the start of many training lines
        while (text.startsWith("\"") || text.startsWith("'")) {
            text = text.substring(1).stripLeading();
        }
        if (text.isEmpty()) {
            return text;
        }
        if (elongated) {
            text = text + " " + ELONGATED_MARK;
        }
        if (shouted) {
            text = text + " " + SHOUTED_MARK;
        }
        return text;
    }

    /** Tokens of already normalised text: emoticons, words, ! ? . , ; :, emoji; other punctuation dropped. */
    public static String[] tokens(String normalized) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(normalized);
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens.toArray(String[]::new);
    }

    /** {@link #normalize(String)} then {@link #tokens(String)}. */
    public static String[] normalizeAndTokenize(String raw) {
        return tokens(normalize(raw));
    }

    /**
     * Whether three code points in a row are all capital letters ({@code \p{Lu}}, when
     * {@code capitals}) or all the same code point (otherwise).
     */
    private static boolean hasRun(String text, boolean capitals) {
        int run = 0;
        int previous = -1;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (capitals) {
                run = Character.getType(codePoint) == Character.UPPERCASE_LETTER ? run + 1 : 0;
            } else {
                run = codePoint == previous ? run + 1 : 1;
            }
            if (run >= 3) {
                return true;
            }
            previous = codePoint;
            i += Character.charCount(codePoint);
        }
        return false;
    }

    /** Whether {@link #WHITESPACE} would change anything: a whitespace other than a space, or two spaces. */
    private static boolean hasWhitespaceToCollapse(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\t' || c == '\n' || c == '\013' || c == '\f' || c == '\r'
                    || (c == ' ' && i + 1 < text.length() && text.charAt(i + 1) == ' ')) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCurlyApostrophe(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u2018' || c == '\u2019' || c == '\u02bc' || c == '`' || c == '\u00b4') {
                return true;
            }
        }
        return false;
    }

    private static boolean containsIgnoreCase(String text, String needle) {
        for (int i = 0; i + needle.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, needle, 0, needle.length())) {
                return true;
            }
        }
        return false;
    }

    static String decodeUnicodeEscapes(String text) {
        if (text.indexOf("\\u") < 0) {
            return text;
        }
        return UNICODE_ESCAPE.matcher(text).replaceAll(
                match -> Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(match.group(1), 16))));
    }

    static String decodeEntities(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        return ENTITY.matcher(text).replaceAll(match -> {
            String name = match.group(1);
            String decoded;
            if (name.startsWith("#x") || name.startsWith("#X")) {
                decoded = codePoint(Integer.parseInt(name.substring(2), 16));
            } else if (name.startsWith("#")) {
                decoded = codePoint(Integer.parseInt(name.substring(1)));
            } else {
                decoded = NAMED_ENTITIES.get(name.toLowerCase(Locale.ROOT));
            }
            return Matcher.quoteReplacement(decoded != null ? decoded : match.group());
        });
    }

    private static String codePoint(int value) {
        return Character.isValidCodePoint(value) ? new String(Character.toChars(value)) : null;
    }
}
