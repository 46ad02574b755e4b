package dev.earshot.listener.source;

import java.time.Instant;
import java.util.List;

import dev.earshot.listener.model.Mention;

/**
 * One page read from a feed.
 *
 * @param mentions the posts on the page, normalised to mentions ({@code matchedRules} empty: the poller fills it)
 * @param rejected posts on the page that could not be normalised; the rest of the page goes on
 * @param nextPageToken where to continue within this poll, or null when this poll has read everything new
 * @param cursorAfter the cursor to store once this page and all earlier pages of this poll are published
 *        (the connector carries the newest position across pages, e.g. in its page token); null keeps the old
 * @param rateLimit what the platform said about its rate limit on this response, or null
 */
public record FetchedPage(List<Mention> mentions, List<RejectedPost> rejected, String nextPageToken,
        String cursorAfter, RateLimit rateLimit) {

    public FetchedPage {
        mentions = List.copyOf(mentions);
        rejected = List.copyOf(rejected);
    }

    /** A post that could not be read: why, and its raw text (truncated by the dead-letter store). */
    public record RejectedPost(String reason, String raw) {
    }

    /** Rate-limit headers of a response; null fields where the platform did not send them. */
    public record RateLimit(Long limit, Long remaining, Instant resetAt) {
    }
}
