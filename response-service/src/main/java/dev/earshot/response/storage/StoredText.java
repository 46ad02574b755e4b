package dev.earshot.response.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The one rule for text written to PostgreSQL. PostgreSQL refuses U+0000 in {@code text} (the whole
 * statement fails, and with it its transaction), and text from strangers (posts, webhook receivers'
 * answers, request bodies) may carry it. Every string on its way to the database is cleaned here:
 * control characters (Unicode category Cc: U+0000 to U+001F, U+007F to U+009F) are removed, except
 * tab, line feed and carriage return; a lone surrogate (half of a UTF-16 pair, not encodable as UTF-8)
 * becomes U+FFFD. Everything else is kept as it is.
 * <p>
 * Two hooks apply it, so no write path can miss it: {@link StoredTextJavaType} for everything Hibernate
 * binds (entity attributes, string arrays, HQL and native query parameters), and {@link #tuple} for the
 * statements run on the reactive SQL client directly (a test checks that no other {@code Tuple} is built).
 */
public final class StoredText {

    static final char REPLACEMENT = '\uFFFD';

    private StoredText() {
    }

    /** {@code text} safe to store; the same instance when nothing needs changing, null for null. */
    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        int n = text.length();
        int i = 0;
        while (i < n && ok(text, i)) {
            i += Character.isHighSurrogate(text.charAt(i)) ? 2 : 1;
        }
        if (i >= n) {
            return text;
        }
        StringBuilder out = new StringBuilder(n).append(text, 0, i);
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (ok(text, i)) {
                    out.append(c).append(text.charAt(i + 1));
                    i += 2;
                    continue;
                }
                out.append(REPLACEMENT);
            } else if (!control(c)) {
                out.append(c);
            }
            i++;
        }
        return out.toString();
    }

    /** Whether the character at {@code i} (a whole surrogate pair when it starts one) is kept as it is. */
    private static boolean ok(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return !Character.isLowSurrogate(c) && !control(c);
    }

    private static boolean control(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
    }

    /**
     * A tuple for the reactive SQL client with every string (also inside a {@code String[]}) cleaned:
     * the only way statements on the client get their parameters.
     */
    public static Tuple tuple(Object... values) {
        return tuple(Arrays.asList(values));
    }

    /** {@link #tuple(Object...)} from a list of parameters. */
    public static Tuple tuple(List<?> values) {
        List<Object> cleaned = new ArrayList<>(values.size());
        for (Object value : values) {
            cleaned.add(cleanValue(value));
        }
        return Tuple.from(cleaned);
    }

    private static Object cleanValue(Object value) {
        if (value instanceof String s) {
            return clean(s);
        }
        if (value instanceof String[] array) {
            String[] out = new String[array.length];
            for (int i = 0; i < array.length; i++) {
                out[i] = clean(array[i]);
            }
            return out;
        }
        return value;
    }
}
