package dev.earshot.sentiment.contract;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code mention} v1 as listener-service publishes it (docs/CONTRACTS.md). Read and written with
 * Jackson by the messaging code, which Quarkus cannot see, hence the reflection registration. The
 * fields added in v1 without a bump are carried through (left out when absent) so the mention
 * travels on unchanged.
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
        List<String> matchedRules,
        @JsonInclude(JsonInclude.Include.NON_NULL) String nearDuplicateOf,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant editedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> links) {

    /** The post's author; {@code followers} is null where the source does not give it. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Author(String id, String handle, String displayName, Long followers,
            @JsonInclude(JsonInclude.Include.NON_NULL) String profileUrl) {
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
