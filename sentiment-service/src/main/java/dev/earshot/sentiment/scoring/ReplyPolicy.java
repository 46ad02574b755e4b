package dev.earshot.sentiment.scoring;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.earshot.sentiment.contract.Mention;

/**
 * Who could answer a post at all: a news article from a feed (RSS, Atom, Google Alerts) is for
 * awareness, nobody can reply to a news site; a post by one of the brand's own accounts never needs a
 * reply from the brand. Everything else is a public post. Immutable: shared by all threads.
 */
public final class ReplyPolicy {

    /** Where a post comes from, as far as replying goes. */
    public enum Origin {
        /** A post someone wrote in public: may need a reply. */
        PUBLIC_POST,
        /** A news article from a feed: tiered by what it reports, never for a reply. */
        NEWS,
        /** Written by one of the brand's own accounts: never needs a reply. */
        OWN_ACCOUNT
    }

    private final Set<String> newsSources;
    private final Map<String, Set<String>> brandAccounts;

    /**
     * @param newsSources the sources whose items are news articles (e.g. {@code rss})
     * @param brandAccounts per source, the handles of the brand's own accounts ({@code @} and case ignored)
     */
    public ReplyPolicy(Set<String> newsSources, Map<String, List<String>> brandAccounts) {
        this.newsSources = Set.copyOf(newsSources);
        Map<String, Set<String>> accounts = new HashMap<>();
        brandAccounts.forEach((source, handles) -> {
            Set<String> normalized = new HashSet<>();
            handles.forEach(handle -> normalized.add(normalize(handle)));
            accounts.put(source, Set.copyOf(normalized));
        });
        this.brandAccounts = Map.copyOf(accounts);
    }

    /** No news sources, no brand accounts: every post is public. */
    public static ReplyPolicy none() {
        return new ReplyPolicy(Set.of(), Map.of());
    }

    public Origin origin(Mention mention) {
        String source = mention.source();
        if (source == null) {
            return Origin.PUBLIC_POST;
        }
        Mention.Author author = mention.author();
        Set<String> own = brandAccounts.get(source);
        if (own != null && author != null && author.handle() != null && own.contains(normalize(author.handle()))) {
            return Origin.OWN_ACCOUNT;
        }
        return newsSources.contains(source) ? Origin.NEWS : Origin.PUBLIC_POST;
    }

    private static String normalize(String handle) {
        String trimmed = handle.strip();
        return (trimmed.startsWith("@") ? trimmed.substring(1) : trimmed).toLowerCase(Locale.ROOT);
    }
}
