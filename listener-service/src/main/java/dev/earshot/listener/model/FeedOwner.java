package dev.earshot.listener.model;

/**
 * Which listener replica reads a feed, as shown by {@code GET /api/v1/sources}.
 *
 * @param feed the feed's key, e.g. {@code mastodon:mastodon.social:tag:acme}
 * @param owner the id of the replica that holds the feed's lease, or null while no replica holds it
 */
public record FeedOwner(String feed, String owner) {
}
