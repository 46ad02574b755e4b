package dev.earshot.listener.model;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code mention} v1 message (listener to sentiment), as specified in docs/CONTRACTS.md. This is
 * the listener's own copy; a golden JSON sample in the tests keeps it in step with the contract.
 */
@JsonPropertyOrder({ "schemaVersion", "id", "source", "instance", "nativeId", "permalink", "conversationId",
        "inReplyTo", "author", "title", "text", "languageHint", "createdAt", "fetchedAt", "engagement",
        "matchedRules" })
public record Mention(
        int schemaVersion,
        String id,
        String source,
        String instance,
        String nativeId,
        String permalink,
        String conversationId,
        String inReplyTo,
        Author author,
        String title,
        String text,
        String languageHint,
        Instant createdAt,
        Instant fetchedAt,
        Engagement engagement,
        List<String> matchedRules) {

    public static final int SCHEMA_VERSION = 1;

    /** Builds the stable id {@code source:instance:nativeId}. */
    public static String idOf(String source, String instance, String nativeId) {
        return source + ":" + instance + ":" + nativeId;
    }

    /** The same mention with other matched rule ids. */
    public Mention withMatchedRules(List<String> rules) {
        return new Mention(schemaVersion, id, source, instance, nativeId, permalink, conversationId, inReplyTo,
                author, title, text, languageHint, createdAt, fetchedAt, engagement, List.copyOf(rules));
    }

    /** Who wrote the post; {@code followers} is null where the source does not give it. */
    @JsonPropertyOrder({ "id", "handle", "displayName", "followers" })
    public record Author(String id, String handle, String displayName, Long followers) {
    }

    /** Engagement counts; a count the source does not give is null, never 0. */
    @JsonPropertyOrder({ "likes", "replies", "shares" })
    public record Engagement(Long likes, Long replies, Long shares) {
    }
}
