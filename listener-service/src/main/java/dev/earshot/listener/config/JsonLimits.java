package dev.earshot.listener.config;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Limits of the one {@link ObjectMapper} that reads every piece of JSON a stranger controls here: pushed posts
 * ({@code POST /api/v1/ingest}), rule bodies, and the platforms' answers (Algolia, Mastodon, Reddit, Bluesky,
 * Jetstream). A post is a few levels deep and the deepest platform page about ten, so nesting is capped at
 * {@value #MAX_NESTING_DEPTH} instead of Jackson's 1,000: a deeply nested document is refused early as a
 * {@code StreamConstraintsException} (an ordinary parse error) instead of costing stack and memory.
 */
@Singleton
public class JsonLimits implements ObjectMapperCustomizer {

    /** The deepest nesting of objects and arrays read. */
    public static final int MAX_NESTING_DEPTH = 64;

    @Override
    public void customize(ObjectMapper mapper) {
        StreamReadConstraints current = mapper.getFactory().streamReadConstraints();
        mapper.getFactory().setStreamReadConstraints(current.rebuild().maxNestingDepth(MAX_NESTING_DEPTH).build());
    }
}
