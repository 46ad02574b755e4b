package dev.earshot.listener.source;

import java.time.Duration;
import java.util.List;

import dev.earshot.listener.rules.Rule;
import io.smallrye.mutiny.Uni;

/**
 * A platform that is read by polling (Mastodon, Hacker News, Bluesky search, Reddit, RSS/Atom, ...).
 * One CDI bean per platform. The generic {@code SourcePoller} asks it which feeds to read for the
 * current rules, fetches their pages from each feed's stored cursor, matches every post against every
 * rule locally, drops duplicates, publishes, and only then stores the feed's new cursor. A connector
 * speaks its platform's wire format and nothing else: it never publishes, dedups or matches rules.
 */
public interface PollingSource {

    /** The source name used in mention ids, routing keys, metrics and state keys, e.g. {@code mastodon}. */
    String source();

    /** False when the source is switched off in configuration (or lacks the credentials it needs). */
    boolean enabled();

    /** How often each of this source's feeds is polled. */
    Duration pollInterval();

    /**
     * The feeds to read this round for the given rules (already filtered to the rules that apply to
     * this source). A feed is one stream with its own cursor: a hashtag timeline on one instance, one
     * search query, one subreddit, one RSS URL. Feed keys must be stable across restarts.
     */
    List<Feed> feeds(List<Rule> rules);

    /**
     * Fetches one page. {@code storedCursor} is what a previous poll stored for this feed (null on the
     * very first poll: then read only a configured initial look-back); {@code pageToken} is null for
     * the first page of this poll and otherwise the previous page's {@link FetchedPage#nextPageToken()}.
     * Fails with a {@link SourceException} subtype for HTTP and format errors of the whole page; a
     * single unreadable post is returned in {@link FetchedPage#rejected()} instead.
     */
    Uni<FetchedPage> fetch(Feed feed, String storedCursor, String pageToken);
}
