package dev.earshot.listener.source.mastodon;

import static dev.earshot.listener.source.post.PostChecks.optionalCount;
import static dev.earshot.listener.source.post.PostChecks.optionalInstant;
import static dev.earshot.listener.source.post.PostChecks.optionalText;
import static dev.earshot.listener.source.post.PostChecks.requiredInstant;
import static dev.earshot.listener.source.post.PostChecks.requiredText;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.earshot.listener.model.Mention;
import dev.earshot.listener.pipeline.HtmlNormaliser;
import dev.earshot.listener.source.post.MalformedPostException;
import dev.earshot.listener.source.post.PostChecks;

/** Turns a Mastodon Status entity (REST API v1) into a mention. */
@ApplicationScoped
public class MastodonStatusMapper {

    public static final String SOURCE = "mastodon";

    /** Mention and hashtag links are part of the text, not links the post shares. */
    private static final String NOT_SHARED_LINKS = "a.mention, a.hashtag, a[rel~=tag]";

    private final HtmlNormaliser html;

    public MastodonStatusMapper(HtmlNormaliser html) {
        this.html = html;
    }

    /** The status a timeline entry stands for: the original post when the entry is a boost. */
    static JsonNode original(JsonNode entry) {
        JsonNode reblog = entry.get("reblog");
        return reblog != null && reblog.isObject() ? reblog : entry;
    }

    /**
     * Maps a timeline entry (a boost is unwrapped to its original).
     *
     * @param rootId the id (on this instance) of the thread's root status, or null for a post that starts its thread
     */
    public Mention toMention(JsonNode entry, String instance, String rootId, Instant fetchedAt) {
        if (entry == null || !entry.isObject()) {
            throw new MalformedPostException("a status must be a JSON object");
        }
        JsonNode status = original(entry);
        String id = requiredText(status, "id");
        Instant createdAt = requiredInstant(status, "created_at", fetchedAt);
        JsonNode content = status.get("content");
        if (content == null || !content.isTextual()) {
            throw new MalformedPostException("missing or non-text field 'content'");
        }
        JsonNode account = status.get("account");
        if (account == null || !account.isObject()) {
            throw new MalformedPostException("missing field 'account'");
        }
        String accountId = requiredText(account, "id");
        String acct = requiredText(account, "acct");
        String handle = acct.contains("@") ? acct : acct + "@" + instance;
        String inReplyToId = optionalText(status, "in_reply_to_id");
        JsonNode card = status.get("card");
        String cardUrl = card != null && card.isObject() ? optionalText(card, "url") : null;
        String permalink = optionalText(status, "url");
        if (permalink == null) {
            permalink = optionalText(status, "uri");
        }
        return Mention.builder()
                .source(SOURCE)
                .instance(instance)
                .nativeId(id)
                .permalink(permalink)
                .conversationId(Mention.idOf(SOURCE, instance, rootId != null ? rootId : id))
                .inReplyTo(inReplyToId == null ? null : Mention.idOf(SOURCE, instance, inReplyToId))
                .author(new Mention.Author(accountId, handle, optionalText(account, "display_name"),
                        optionalCount(account, "followers_count"), optionalText(account, "url")))
                .title(optionalText(status, "spoiler_text"))
                .text(html.toPlainText(content.asText()))
                .languageHint(optionalText(status, "language"))
                .createdAt(createdAt)
                .editedAt(optionalInstant(status, "edited_at"))
                .fetchedAt(fetchedAt)
                .engagement(new Mention.Engagement(optionalCount(status, "favourites_count"),
                        optionalCount(status, "replies_count"), optionalCount(status, "reblogs_count")))
                .links(PostChecks.links(content.asText(), NOT_SHARED_LINKS, cardUrl))
                .build();
    }
}
