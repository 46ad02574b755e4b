package dev.earshot.response.task;

import java.io.IOException;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the raw bytes of a message into a {@link ScoredMention} and checks what this service cannot
 * work without: a mention with an id and a conversation id, and a sentiment label.
 */
@ApplicationScoped
public class ScoredMentionReader {

    static final Set<String> SENTIMENT_LABELS = Set.of("negative", "neutral", "positive");

    private final ObjectMapper mapper;

    public ScoredMentionReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ScoredMention read(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidScoredMentionException(null, "empty body");
        }
        ScoredMention scored;
        try {
            // one pass for the usual, readable body; only a body that fails is read again, to say why
            scored = mapper.readValue(body, ScoredMention.class);
        } catch (IOException e) {
            throw unreadable(body);
        }
        if (scored == null) {
            throw new InvalidScoredMentionException(null, "body is not a JSON object");
        }
        String id = scored.mention() == null ? null : scored.mention().id();
        if (scored.schemaVersion() == null || scored.schemaVersion() != ScoredMention.SCHEMA_VERSION) {
            throw new InvalidScoredMentionException(id, "unsupported schemaVersion " + scored.schemaVersion());
        }
        if (scored.mention() == null) {
            throw new InvalidScoredMentionException(null, "missing mention");
        }
        if (isBlank(scored.mention().id())) {
            throw new InvalidScoredMentionException(null, "missing mention.id");
        }
        if (isBlank(scored.mention().conversationId())) {
            throw new InvalidScoredMentionException(id, "missing mention.conversationId");
        }
        if (scored.sentiment() == null || isBlank(scored.sentiment().label())) {
            throw new InvalidScoredMentionException(id, "missing sentiment.label");
        }
        if (!SENTIMENT_LABELS.contains(scored.sentiment().label())) {
            throw new InvalidScoredMentionException(id, "unknown sentiment.label " + scored.sentiment().label());
        }
        return scored;
    }

    /** Why a body that does not read as a scored mention cannot be one, with the mention's id where it has one. */
    private InvalidScoredMentionException unreadable(byte[] body) {
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (IOException e) {
            return new InvalidScoredMentionException(null, "body is not valid JSON");
        }
        if (tree == null || !tree.isObject()) {
            return new InvalidScoredMentionException(null, "body is not a JSON object");
        }
        String id = tree.path("mention").path("id").asText(null);
        try {
            mapper.treeToValue(tree, ScoredMention.class);
            return new InvalidScoredMentionException(id, "body does not match scored-mention v1");
        } catch (JsonProcessingException e) {
            return new InvalidScoredMentionException(id, "body does not match scored-mention v1: "
                    + e.getOriginalMessage());
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
