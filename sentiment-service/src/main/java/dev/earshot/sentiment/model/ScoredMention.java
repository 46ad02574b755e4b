package dev.earshot.sentiment.model;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code scored-mention} v1 (docs/CONTRACTS.md): the mention plus what this service found. Written
 * with Jackson by the messaging code, which Quarkus cannot see, hence the reflection registration.
 */
@RegisterForReflection
public record ScoredMention(
        int schemaVersion,
        Mention mention,
        Sentiment sentiment,
        Urgency urgency,
        String language,
        List<String> intents,
        String modelVersion) {

    public static final int SCHEMA_VERSION = 1;
}
