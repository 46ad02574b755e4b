package dev.earshot.listener.pipeline;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The near-duplicate fingerprint of a post: a 64-bit FNV-1a hash of its aggressively normalised text
 * (title and text; lower-case; URLs and @handles removed; the hashtags that end the text removed, {@code #}
 * dropped from the others; every other non-letter, non-digit character a space; whitespace collapsed). Copies
 * that differ only in links, mentions, hashtags added at the end, case, punctuation or spacing (cross-posts,
 * copy-paste waves) get the same fingerprint.
 * An exact hash was chosen over SimHash/MinHash: it is one Redis key per post and one lookup, has no
 * false positives between merely similar texts, and catches the copy waves that matter in practice;
 * rewording defeats it. Texts under {@code minWords} words are not fingerprinted ("+1", "same here").
 */
public final class NearDuplicates {

    private static final Pattern URL = Pattern.compile("(?:https?://|www\\.)\\S+", Pattern.CASE_INSENSITIVE);
    private static final Pattern HANDLE = Pattern.compile("(?<![\\p{L}\\p{N}_])@[\\p{L}\\p{N}_.@-]+");
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private NearDuplicates() {
    }

    /** The normalised text, words separated by one space, without the hashtags that end it. */
    public static String normalise(String title, String text) {
        String joined = (title == null ? "" : title) + "\n" + (text == null ? "" : text);
        String withoutLinks = HANDLE.matcher(URL.matcher(joined).replaceAll(" ")).replaceAll(" ");
        StringBuilder out = new StringBuilder(withoutLinks.length());
        int keep = 0; // the length without the trailing hashtags
        boolean inWord = false;
        boolean inTag = false;
        boolean hashStartsTag = false; // the last '#' seen did not follow a letter or digit
        int previous = ' ';
        for (int i = 0; i < withoutLinks.length();) {
            int cp = withoutLinks.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                if (!inWord) {
                    if (!out.isEmpty()) {
                        out.append(' ');
                    }
                    // a hashtag: '#' then letters, digits and underscores (#acme_cloud is one tag)
                    inTag = previous == '#' && hashStartsTag || previous == '_' && inTag;
                    inWord = true;
                }
                out.appendCodePoint(Character.toLowerCase(cp));
            } else {
                if (inWord && !inTag) {
                    keep = out.length();
                }
                inWord = false;
                if (cp == '#') {
                    hashStartsTag = !Character.isLetterOrDigit(previous);
                }
                if (cp != '_') {
                    inTag = false;
                }
            }
            previous = cp;
        }
        if (inWord && !inTag) {
            keep = out.length();
        }
        out.setLength(keep);
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** The fingerprint as 16 hex digits, or null when the text has fewer than {@code minWords} words. */
    public static String fingerprint(String title, String text, int minWords) {
        String normalised = normalise(title, text);
        if (normalised.isEmpty()) {
            return null;
        }
        int words = 1;
        for (int i = 0; i < normalised.length(); i++) {
            if (normalised.charAt(i) == ' ') {
                words++;
            }
        }
        if (words < minWords) {
            return null;
        }
        long hash = FNV_OFFSET;
        for (int i = 0; i < normalised.length(); i++) {
            char c = normalised.charAt(i);
            hash ^= c & 0xff;
            hash *= FNV_PRIME;
            hash ^= c >>> 8;
            hash *= FNV_PRIME;
        }
        String hex = Long.toHexString(hash);
        return hex.length() == 16 ? hex : "0".repeat(16 - hex.length()) + hex;
    }
}
