package dev.earshot.listener.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A post's title and text, tokenised once for matching every rule: words are maximal runs of letters,
 * digits and {@code _}, lower-cased, so matching is whole-word and case-insensitive. A word directly
 * after {@code #} is also a hashtag, after {@code @} a handle. Title and text are kept apart so that a
 * phrase never spans the two.
 */
public final class TextTokens {

    private static final byte PLAIN = 0;
    private static final byte HASH = 1;
    private static final byte AT = 2;

    private final String[] tokens;
    private final byte[] prefixes;
    private final int size;
    private final Set<String> words;
    private final Set<String> hashtags;
    private final Set<String> handles;

    private TextTokens(String[] tokens, byte[] prefixes, int size) {
        this.tokens = tokens;
        this.prefixes = prefixes;
        this.size = size;
        this.words = new HashSet<>(size * 2);
        this.hashtags = new HashSet<>();
        this.handles = new HashSet<>();
        for (int i = 0; i < size; i++) {
            if (tokens[i] == null) {
                continue;
            }
            words.add(tokens[i]);
            if (prefixes[i] == HASH) {
                hashtags.add(tokens[i]);
            } else if (prefixes[i] == AT) {
                handles.add(tokens[i]);
            }
        }
    }

    /** Tokenises the given texts (null ones are skipped); a phrase never spans two of them. */
    public static TextTokens of(String... texts) {
        Builder builder = new Builder();
        for (String text : texts) {
            if (text != null && !text.isEmpty()) {
                builder.add(text);
                builder.boundary();
            }
        }
        return new TextTokens(builder.tokens, builder.prefixes, builder.size);
    }

    /** The normalised words of a text, in order (how query terms are normalised). */
    public static List<String> words(String text) {
        Builder builder = new Builder();
        builder.add(text);
        List<String> out = new ArrayList<>(builder.size);
        for (int i = 0; i < builder.size; i++) {
            out.add(builder.tokens[i]);
        }
        return out;
    }

    /** The distinct words of the post (for the rule index). */
    public Set<String> distinctWords() {
        return words;
    }

    public boolean hasHashtag(String tag) {
        return hashtags.contains(tag);
    }

    public boolean hasHandle(String handle) {
        return handles.contains(handle);
    }

    /** How many words the post has (title and text together). */
    public int wordCount() {
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (tokens[i] != null) {
                count++;
            }
        }
        return count;
    }

    /** Whether the words appear consecutively (one word: anywhere). */
    public boolean containsSequence(List<String> sequence) {
        if (sequence.size() == 1) {
            return words.contains(sequence.get(0));
        }
        if (!words.containsAll(sequence)) {
            return false;
        }
        int last = size - sequence.size();
        outer:
        for (int i = 0; i <= last; i++) {
            for (int j = 0; j < sequence.size(); j++) {
                if (!sequence.get(j).equals(tokens[i + j])) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static final class Builder {
        String[] tokens = new String[32];
        byte[] prefixes = new byte[32];
        int size;

        void add(String text) {
            int length = text.length();
            int i = 0;
            while (i < length) {
                int cp = text.codePointAt(i);
                if (!isWordChar(cp)) {
                    i += Character.charCount(cp);
                    continue;
                }
                int start = i;
                while (i < length) {
                    int c = text.codePointAt(i);
                    if (!isWordChar(c)) {
                        break;
                    }
                    i += Character.charCount(c);
                }
                byte prefix = PLAIN;
                if (start > 0) {
                    char before = text.charAt(start - 1);
                    prefix = before == '#' ? HASH : before == '@' ? AT : PLAIN;
                }
                push(text.substring(start, i).toLowerCase(Locale.ROOT), prefix);
            }
        }

        void boundary() {
            if (size > 0 && tokens[size - 1] != null) {
                push(null, PLAIN);
            }
        }

        private void push(String token, byte prefix) {
            if (size == tokens.length) {
                tokens = Arrays.copyOf(tokens, size * 2);
                prefixes = Arrays.copyOf(prefixes, size * 2);
            }
            tokens[size] = token;
            prefixes[size] = prefix;
            size++;
        }

        private static boolean isWordChar(int cp) {
            return Character.isLetterOrDigit(cp) || cp == '_';
        }
    }
}
