package dev.earshot.listener.source;

import java.util.List;
import java.util.Map;

/**
 * One stream of posts of a source, with its own cursor and back-off state.
 *
 * @param source the source name, e.g. {@code mastodon}
 * @param instance the host that serves it (back-off and status are kept per source and instance)
 * @param key stable unique key, e.g. {@code mastodon:mastodon.social:tag:acme}; the cursor is stored under it
 * @param query the platform-side pre-filter (search terms, hashtag, subreddit, feed URL); matching is local anyway
 * @param ruleIds the rules this feed was built for (informational: every post is matched against every rule)
 * @param params connector-specific settings (e.g. {@code any}, {@code all}, {@code none} for Mastodon tags)
 */
public record Feed(String source, String instance, String key, String query, List<String> ruleIds,
        Map<String, String> params) {

    public Feed {
        ruleIds = List.copyOf(ruleIds);
        params = Map.copyOf(params);
    }
}
