package dev.earshot.response.webhook.format;

import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Escaping and cutting of text for chat tools. Cuts count UTF-16 code units, which is never less than
 * the characters a tool counts, and never split a surrogate pair or an escape sequence.
 */
final class Text {

    static final String ELLIPSIS = "…";

    /** No escaping: each code point as itself. */
    static final IntFunction<String> PLAIN = Character::toString;

    /** Slack mrkdwn: only {@code &}, {@code <} and {@code >} are control characters. */
    static final IntFunction<String> SLACK = cp -> switch (cp) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        default -> Character.toString(cp);
    };

    /** The HTML subset of Google Chat cards. */
    static final IntFunction<String> HTML = cp -> switch (cp) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        default -> Character.toString(cp);
    };

    /** Plain text that no chat tool turns into a mention: a word joiner after every {@code @}. */
    static final IntFunction<String> NO_MENTIONS = cp -> cp == '@' ? "@\u2060" : Character.toString(cp);

    /** Google Chat message text: a word joiner after {@code <} so {@code <users/all>} in a post mentions nobody. */
    static final IntFunction<String> GOOGLE_CHAT_TEXT = cp -> cp == '<' ? "<\u2060" : Character.toString(cp);

    /**
     * Markdown (Discord, Mattermost, Adaptive Cards): a backslash before every character that could start
     * formatting or a link, so a post shows as written, and a word joiner after {@code @} so no mention
     * ({@code @channel}, {@code @here}, {@code @user}) in a post can notify anyone.
     */
    static final IntFunction<String> MARKDOWN = cp -> cp == '@' ? "@\u2060"
            : "\\*_~`|>#[]<".indexOf(cp) >= 0 ? "\\" + Character.toString(cp) : Character.toString(cp);

    private Text() {
    }

    /** {@code raw} escaped, in at most {@code limit} code units; an ellipsis marks a cut. Null stays null. */
    static String fit(String raw, int limit, IntFunction<String> escape) {
        if (raw == null) {
            return null;
        }
        String flat = raw.replaceAll("[\\p{Cntrl}&&[^\n]]", " ");
        StringBuilder out = new StringBuilder(Math.min(limit, flat.length() + 16));
        int i = 0;
        while (i < flat.length()) {
            int cp = flat.codePointAt(i);
            String piece = escape.apply(cp);
            boolean last = i + Character.charCount(cp) >= flat.length();
            int room = last ? limit : limit - ELLIPSIS.length();
            if (out.length() + piece.length() > room) {
                return cutWithEllipsis(out, limit);
            }
            out.append(piece);
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static String cutWithEllipsis(StringBuilder out, int limit) {
        while (out.length() + ELLIPSIS.length() > limit && out.length() > 0) {
            out.setLength(out.length() - 1);
        }
        if (out.length() > 0 && Character.isHighSurrogate(out.charAt(out.length() - 1))) {
            out.setLength(out.length() - 1);
        }
        return limit >= ELLIPSIS.length() ? out.append(ELLIPSIS).toString() : out.toString();
    }

    /** On one line: line breaks become spaces. */
    static String oneLine(String raw) {
        return raw == null ? null : raw.replaceAll("\\s*[\r\n]+\\s*", " ");
    }

    /** "12.3k followers", "980 followers", "1.2M followers". */
    static String followers(Long count) {
        if (count == null) {
            return null;
        }
        String number;
        if (count >= 1_000_000) {
            number = compact(count / 1_000_000.0) + "M";
        } else if (count >= 1_000) {
            number = compact(count / 1_000.0) + "k";
        } else {
            number = Long.toString(count);
        }
        return number + (count == 1 ? " follower" : " followers");
    }

    private static String compact(double value) {
        double floored = Math.floor(value * 10) / 10;
        return floored == Math.rint(floored) ? Long.toString((long) floored) : String.format(Locale.ROOT, "%.1f", floored);
    }

    /** "12 min", "2 h 5 min", "3 d 4 h", "less than 1 min". */
    static String duration(long seconds) {
        long s = Math.abs(seconds);
        if (s < 60) {
            return "less than 1 min";
        }
        long minutes = s / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return minutes % 60 == 0 ? hours + " h" : hours + " h " + minutes % 60 + " min";
        }
        return hours % 24 == 0 ? hours / 24 + " d" : hours / 24 + " d " + hours % 24 + " h";
    }

    /** "61%" */
    static String percent(double share) {
        return Math.round(share * 100) + "%";
    }

    /** "12.5" or "12" */
    static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
