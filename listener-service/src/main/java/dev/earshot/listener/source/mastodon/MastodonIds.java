package dev.earshot.listener.source.mastodon;

import java.util.Comparator;

/**
 * Mastodon status ids are strings of digits (snowflakes) that outgrow a long's text only in theory;
 * other servers of the fediverse use fixed-width base-62 ids. Both order by length, then by text.
 */
final class MastodonIds {

    static final Comparator<String> ORDER = Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

    private MastodonIds() {
    }

    /** The newer of two ids; null counts as older than anything. */
    static String newer(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return ORDER.compare(a, b) >= 0 ? a : b;
    }
}
