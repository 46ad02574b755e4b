package dev.earshot.listener.support;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

import dev.earshot.listener.model.Mention;

/**
 * Poison for the platforms' real answers: NUL, another control character and a lone surrogate put into
 * chosen JSON string values as the JSON escapes a platform would send ({@code \u0000}, ...), and the check
 * that no such character is left in any text of a mention.
 */
public final class ControlCharacters {

    /** What {@link #poison} puts after the first character of a value, as JSON escapes. */
    public static final String JSON_POISON = "\\u0000\\u0007\\ud800";
    /** What that poison leaves in a mention: the lone surrogate, replaced. */
    public static final String CLEANED = "\uFFFD";

    private ControlCharacters() {
    }

    /** {@code body} with {@link #JSON_POISON} after the first character of each quoted {@code value}. */
    public static String poison(String body, String... values) {
        String out = body;
        for (String value : values) {
            String quoted = "\"" + value + "\"";
            assertTrue(out.contains(quoted), "the answer has no value " + quoted);
            out = out.replace(quoted, "\"" + value.charAt(0) + JSON_POISON + value.substring(1) + "\"");
        }
        return out;
    }

    /** The value as {@link #poison} leaves it after cleaning. */
    public static String cleaned(String value) {
        return value.charAt(0) + CLEANED + value.substring(1);
    }

    /** Fails when any text of the mention holds a control character (other than tab, LF, CR) or a lone surrogate. */
    public static void assertClean(Mention m) {
        List<String> texts = new ArrayList<>(List.of(nn(m.id()), nn(m.source()), nn(m.instance()), nn(m.nativeId()),
                nn(m.permalink()), nn(m.conversationId()), nn(m.inReplyTo()), nn(m.title()), nn(m.text()),
                nn(m.languageHint()), nn(m.nearDuplicateOf())));
        if (m.author() != null) {
            texts.addAll(List.of(nn(m.author().id()), nn(m.author().handle()), nn(m.author().displayName()),
                    nn(m.author().profileUrl())));
        }
        texts.addAll(m.links());
        texts.addAll(m.matchedRules());
        for (String text : texts) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean control = Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r';
                boolean lone = Character.isHighSurrogate(c)
                        ? i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(++i))
                        : Character.isLowSurrogate(c);
                if (control || lone) {
                    fail("character U+" + String.format("%04X", (int) c) + " in '" + text + "' of " + m.id());
                }
            }
        }
    }

    private static String nn(String s) {
        return s == null ? "" : s;
    }
}
