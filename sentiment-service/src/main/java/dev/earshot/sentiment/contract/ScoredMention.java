package dev.earshot.sentiment.contract;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code scored-mention} v1 (docs/CONTRACTS.md): the mention plus what this service found.
 * {@code languageSupported} is false when {@code language} has no sentiment model (sentiment is then
 * neutral, score 0, intents from rules only); {@code truncated} is true when only the first
 * characters of the text were scored. Both were added in v1 without a bump and are left out when
 * null (as read from an older message). Written with Jackson by the messaging code, which Quarkus
 * cannot see, hence the reflection registration.
 */
@RegisterForReflection
public record ScoredMention(
        int schemaVersion,
        Mention mention,
        Sentiment sentiment,
        Urgency urgency,
        String language,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean languageSupported,
        List<String> intents,
        String modelVersion,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean truncated) {

    public static final int SCHEMA_VERSION = 1;
}
