package dev.earshot.listener.source.mastodon;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Mastodon connector settings under {@code earshot.listener.mastodon}. */
@ConfigMapping(prefix = "earshot.listener.mastodon")
public interface MastodonConfig {

    /** Instance host names to read, e.g. {@code mastodon.social,fosstodon.org}; none configured disables Mastodon. */
    Optional<List<String>> instances();

    /**
     * Base URL overrides as {@code host=url} pairs (e.g. a local server in tests); an instance without
     * one is reached at {@code https://<host>}.
     */
    Optional<List<String>> baseUrls();

    /**
     * Access tokens as {@code host=token} pairs, sent as a bearer token to that instance only (needed
     * where an instance restricts its timelines to logged-in users).
     */
    Optional<List<String>> accessTokens();

    /** How often each feed is polled. Default 60s. */
    @WithDefault("60s")
    Duration pollInterval();

    /** Also read each instance's public (federated) timeline, not only hashtag timelines. Default false. */
    @WithDefault("false")
    boolean publicTimeline();

    /** Read only the instance's local posts on the public timeline. Default false. */
    @WithDefault("false")
    boolean publicTimelineLocalOnly();

    /**
     * Treat an empty public timeline on the first poll as restricted (reported as access denied), for
     * instances that answer an empty list instead of 401 when timeline previews are off. Default false.
     */
    @WithDefault("false")
    boolean emptyPublicTimelineIsRestricted();

    /**
     * Use a rule's single-word search terms as hashtags when the rule names no hashtag (so a rule for
     * {@code acme} reads {@code #acme}). Default true.
     */
    @WithDefault("true")
    boolean hashtagsFromKeywords();

    /** Statuses per page (Mastodon allows at most 40). Default 40. */
    @WithDefault("40")
    int limit();

    /** Pages read per feed and poll; a longer backlog continues on the next poll. Default 10. */
    @WithDefault("10")
    int maxPages();

    /** Timeout of one HTTP exchange. Default 10s. */
    @WithDefault("10s")
    Duration timeout();

    /** Largest body accepted. Default 4 MiB. */
    @WithDefault("4194304")
    long maxBodyBytes();

    /** Conversation roots remembered per instance (status id to root id). Default 10000. */
    @WithDefault("10000")
    int rootCacheSize();

    /** Back-off used when a 429 carries neither Retry-After nor a reset time. Default 5m. */
    @WithDefault("5m")
    Duration defaultBackoff();
}
