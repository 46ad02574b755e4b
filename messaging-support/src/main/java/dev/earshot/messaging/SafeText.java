package dev.earshot.messaging;

import java.util.ArrayList;
import java.util.List;

/**
 * The one rule for text that crosses a service boundary or is stored: control characters (Unicode category
 * Cc: U+0000 to U+001F, U+007F to U+009F) are removed except tab, line feed and carriage return; a lone
 * surrogate (half of a UTF-16 pair, not encodable as UTF-8) becomes U+FFFD. PostgreSQL refuses U+0000 in
 * text, so a NUL from a stranger would fail a whole transaction. The listener applies it to every string of a
 * mention where the mention is built; response-service again to everything it stores.
 */
public final class SafeText {

    private SafeText() {
    }

    /** {@code text} without control characters and lone surrogates; the same instance when it has none. */
    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        int n = text.length();
        int i = 0;
        while (i < n && kept(text, i)) {
            i += Character.isHighSurrogate(text.charAt(i)) ? 2 : 1;
        }
        if (i >= n) {
            return text;
        }
        StringBuilder out = new StringBuilder(n).append(text, 0, i);
        while (i < n) {
            char c = text.charAt(i);
            if (kept(text, i)) {
                out.append(c);
                if (Character.isHighSurrogate(c)) {
                    out.append(text.charAt(++i));
                }
            } else if (Character.isSurrogate(c)) {
                out.append('\uFFFD');
            }
            i++;
        }
        return out.toString();
    }

    /** Every element cleaned; null stays null. */
    public static List<String> clean(List<String> texts) {
        if (texts == null) {
            return null;
        }
        List<String> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            out.add(clean(text));
        }
        return out;
    }

    private static boolean kept(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return false;
        }
        return c >= 0x20 ? c < 0x7F || c > 0x9F : c == '\t' || c == '\n' || c == '\r';
    }
}
