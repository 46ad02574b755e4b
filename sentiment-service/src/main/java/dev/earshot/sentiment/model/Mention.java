package dev.earshot.sentiment.model;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code mention} v1 as listener-service publishes it (docs/CONTRACTS.md). Read and written with
 * Jackson by the messaging code, which Quarkus cannot see, hence the reflection registration.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
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

    /** The post's author; {@code followers} is null where the source does not give it. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Author(String id, String handle, String displayName, Long followers) {
    }

    /** Counts the source gives; null (never 0) for counts it does not. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Engagement(Long likes, Long replies, Long shares) {

        /** Sum of the known counts. */
        public long total() {
            return (likes == null ? 0 : likes) + (replies == null ? 0 : replies) + (shares == null ? 0 : shares);
        }
    }
}
