package dev.earshot.listener.source.post;

import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Tidies text that is plain already (Bluesky records): the same shape as HTML turned to text, without parsing tags. */
public final class PlainText {

    private static final Pattern HORIZONTAL_SPACE = Pattern.compile("[\\p{Zs}\\t\\x0B\\f\\r]+");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");

    private PlainText() {
    }

    /** Control characters dropped, whitespace collapsed within each line, blank lines dropped. */
    public static String normalise(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        return CONTROL.matcher(text.replace("\r\n", "\n")).replaceAll("").lines()
                .map(line -> HORIZONTAL_SPACE.matcher(line).replaceAll(" ").strip())
                .filter(line -> !line.isEmpty())
                .collect(Collectors.joining("\n"));
    }
}
