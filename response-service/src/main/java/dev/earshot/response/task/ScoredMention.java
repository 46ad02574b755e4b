package dev.earshot.response.task;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code scored-mention} v1 from sentiment-service (docs/CONTRACTS.md): a {@link Mention} with its
 * sentiment, urgency, detected language, intents and the version of the model that scored it. This
 * service's own copy of the contract; a golden sample in the tests keeps it in step with the producer.
 */
// Read by our own ObjectMapper call (ScoredMentionReader), which Quarkus cannot see: register the
// records for reflection so Jackson can build them in a native image.
@RegisterForReflection(targets = {ScoredMention.class, ScoredMention.Mention.class, ScoredMention.Author.class,
        ScoredMention.Engagement.class, ScoredMention.Sentiment.class, ScoredMention.Urgency.class,
        ScoredMention.Driver.class})
public record ScoredMention(
        Integer schemaVersion,
        Mention mention,
        Sentiment sentiment,
        Urgency urgency,
        String language,
        List<String> intents,
        String modelVersion,
        Boolean languageSupported,
        Boolean truncated) {

    /** The only schema version this consumer understands. */
    public static final int SCHEMA_VERSION = 1;

    /** {@code mention} v1, unchanged from listener-service. */
    public record Mention(
            Integer schemaVersion,
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
            List<String> matchedRules,
            String nearDuplicateOf,
            Instant editedAt,
            List<String> links) {
    }

    /** Followers is null where the source does not give it. */
    public record Author(String id, String handle, String displayName, Long followers, String profileUrl) {
    }

    /** Counts a source does not give are null, never 0. */
    public record Engagement(Long likes, Long replies, Long shares) {
    }

    /** Label negative, neutral or positive; score in [-1, 1] is an intensity (docs/CONTRACTS.md). */
    public record Sentiment(String label, Double score, Map<String, Double> probabilities, List<Driver> drivers) {
    }

    /** A token that pushed the label; a negative weight pushes towards negative. */
    public record Driver(String token, Double weight) {
    }

    /** Score in [0, 1]; level low, medium, high or critical; reasons for humans. */
    /** {@code needsReply} is null from producers that predate it (then a reply is assumed to be needed). */
    public record Urgency(Double score, String level, List<String> reasons, Boolean needsReply) {
    }
}
