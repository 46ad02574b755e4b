package dev.earshot.sentiment.messaging;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.sentiment.contract.Mention;

/** Turns a raw message body into a {@link Mention}, or says in words why it cannot. */
@ApplicationScoped
public class MentionReader {

    private final ObjectMapper mapper;

    public MentionReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A body that can never become a mention: dead-letter it, do not retry. */
    public static class UnreadableMentionException extends RuntimeException {
        private final String mentionId;

        public UnreadableMentionException(String reason, Throwable cause) {
            this(reason, cause, null);
        }

        public UnreadableMentionException(String reason, Throwable cause, String mentionId) {
            super(reason, cause, false, false);
            this.mentionId = mentionId;
        }

        /** The mention's id where the body has one, else null. */
        public String mentionId() {
            return mentionId;
        }
    }

    public Mention read(byte[] body) {
        if (body == null || body.length == 0) {
            throw new UnreadableMentionException("empty body", null);
        }
        Mention mention = readAsUsual(body);
        return mention != null ? mention : readCarefully(body);
    }

    /**
     * One pass for the usual body (the listener's, version 1 stated): the mention, or null where anything is off,
     * for {@link #readCarefully} to say what.
     */
    private Mention readAsUsual(byte[] body) {
        try {
            Mention mention = mapper.readValue(body, Mention.class);
            return mention != null && mention.schemaVersion() == 1 && mention.id() != null && !mention.id().isBlank()
                    && mention.text() != null ? mention : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private Mention readCarefully(byte[] body) {
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (IOException e) {
            throw new UnreadableMentionException("body is not JSON (" + body.length + " bytes)", e);
        }
        if (tree == null || !tree.isObject()) {
            throw new UnreadableMentionException("body is JSON but not an object", null);
        }
        if (!tree.path("id").isTextual() || tree.path("id").asText().isBlank()) {
            throw new UnreadableMentionException("no id", null);
        }
        if (!tree.path("text").isTextual()) {
            throw new UnreadableMentionException("no text in mention " + tree.path("id").asText(), null,
                    tree.path("id").asText());
        }
        int version = tree.path("schemaVersion").asInt(1);
        if (version != 1) {
            throw new UnreadableMentionException("unsupported schemaVersion " + version + " in mention "
                    + tree.path("id").asText(), null, tree.path("id").asText());
        }
        try {
            return mapper.treeToValue(tree, Mention.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new UnreadableMentionException("mention " + tree.path("id").asText()
                    + " does not match mention v1: " + e.getClass().getSimpleName(), e, tree.path("id").asText());
        }
    }
}
