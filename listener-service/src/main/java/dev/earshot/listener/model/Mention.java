package dev.earshot.listener.model;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.earshot.messaging.SafeText;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The {@code mention} v1 message (listener to sentiment), as specified in docs/CONTRACTS.md. This is
 * the listener's own copy; a golden JSON sample in the tests keeps it in step with the contract.
 * Connectors build it with {@link #builder()}; the pipeline fills {@code matchedRules} and
 * {@code nearDuplicateOf}. Every string of a mention, its author's and its lists' are cleaned by
 * {@link SafeText} whenever one is built, whatever the source.
 */
@RegisterForReflection(targets = { Mention.class, Mention.Author.class, Mention.Engagement.class })
@JsonPropertyOrder({ "schemaVersion", "id", "source", "instance", "nativeId", "permalink", "conversationId",
        "inReplyTo", "author", "title", "text", "languageHint", "createdAt", "editedAt", "fetchedAt", "engagement",
        "links", "matchedRules", "nearDuplicateOf" })
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
        Instant editedAt,
        Instant fetchedAt,
        Engagement engagement,
        List<String> links,
        List<String> matchedRules,
        String nearDuplicateOf) {

    public static final int SCHEMA_VERSION = 1;
    public static final int MAX_LINKS = 20;

    public Mention {
        id = SafeText.clean(id);
        source = SafeText.clean(source);
        instance = SafeText.clean(instance);
        nativeId = SafeText.clean(nativeId);
        permalink = SafeText.clean(permalink);
        conversationId = SafeText.clean(conversationId);
        inReplyTo = SafeText.clean(inReplyTo);
        title = SafeText.clean(title);
        text = SafeText.clean(text);
        languageHint = SafeText.clean(languageHint);
        nearDuplicateOf = SafeText.clean(nearDuplicateOf);
        links = links == null ? List.of()
                : List.copyOf(SafeText.clean(links.subList(0, Math.min(links.size(), MAX_LINKS))));
        matchedRules = matchedRules == null ? List.of() : List.copyOf(SafeText.clean(matchedRules));
    }

    /** Builds the stable id {@code source:instance:nativeId}. */
    public static String idOf(String source, String instance, String nativeId) {
        return source + ":" + instance + ":" + nativeId;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The same mention with other matched rule ids. */
    public Mention withMatchedRules(List<String> rules) {
        return new Mention(schemaVersion, id, source, instance, nativeId, permalink, conversationId, inReplyTo,
                author, title, text, languageHint, createdAt, editedAt, fetchedAt, engagement, links, rules,
                nearDuplicateOf);
    }

    /** The same mention marked as a near-duplicate of the mention with id {@code firstId}. */
    public Mention withNearDuplicateOf(String firstId) {
        return new Mention(schemaVersion, id, source, instance, nativeId, permalink, conversationId, inReplyTo,
                author, title, text, languageHint, createdAt, editedAt, fetchedAt, engagement, links, matchedRules,
                firstId);
    }

    /** Who wrote the post; {@code followers} and {@code profileUrl} are null where the source does not give them. */
    @JsonPropertyOrder({ "id", "handle", "displayName", "followers", "profileUrl" })
    public record Author(String id, String handle, String displayName, Long followers, String profileUrl) {

        public Author {
            id = SafeText.clean(id);
            handle = SafeText.clean(handle);
            displayName = SafeText.clean(displayName);
            profileUrl = SafeText.clean(profileUrl);
        }

        public Author(String id, String handle, String displayName, Long followers) {
            this(id, handle, displayName, followers, null);
        }
    }

    /** Engagement counts; a count the source does not give is null, never 0. */
    @JsonPropertyOrder({ "likes", "replies", "shares" })
    public record Engagement(Long likes, Long replies, Long shares) {
    }

    /** Builds a mention from a connector's parsed post; {@code id} is derived from source, instance and native id. */
    public static final class Builder {
        private String source;
        private String instance;
        private String nativeId;
        private String permalink;
        private String conversationId;
        private String inReplyTo;
        private Author author;
        private String title;
        private String text;
        private String languageHint;
        private Instant createdAt;
        private Instant editedAt;
        private Instant fetchedAt;
        private Engagement engagement;
        private List<String> links = List.of();

        private Builder() {
        }

        public Builder source(String source) { this.source = source; return this; }
        public Builder instance(String instance) { this.instance = instance; return this; }
        public Builder nativeId(String nativeId) { this.nativeId = nativeId; return this; }
        public Builder permalink(String permalink) { this.permalink = permalink; return this; }
        /** The full mention id of the thread's root post; defaults to this post's own id. */
        public Builder conversationId(String conversationId) { this.conversationId = conversationId; return this; }
        /** The full mention id of the post this one answers, or null. */
        public Builder inReplyTo(String inReplyTo) { this.inReplyTo = inReplyTo; return this; }
        public Builder author(Author author) { this.author = author; return this; }
        public Builder title(String title) { this.title = title; return this; }
        public Builder text(String text) { this.text = text; return this; }
        public Builder languageHint(String languageHint) { this.languageHint = languageHint; return this; }
        public Builder createdAt(Instant createdAt) { this.createdAt = createdAt; return this; }
        public Builder editedAt(Instant editedAt) { this.editedAt = editedAt; return this; }
        public Builder fetchedAt(Instant fetchedAt) { this.fetchedAt = fetchedAt; return this; }
        public Builder engagement(Engagement engagement) { this.engagement = engagement; return this; }
        public Builder links(List<String> links) { this.links = links; return this; }

        public Mention build() {
            String id = idOf(source, instance, nativeId);
            return new Mention(SCHEMA_VERSION, id, source, instance, nativeId, permalink,
                    conversationId == null ? id : conversationId, inReplyTo, author, title, text, languageHint,
                    createdAt, editedAt, fetchedAt, engagement, links, List.of(), null);
        }
    }
}
