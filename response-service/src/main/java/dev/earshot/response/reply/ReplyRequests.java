package dev.earshot.response.reply;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of the saved-reply requests. */
public final class ReplyRequests {

    private ReplyRequests() {
    }

    @Schema(description = "A saved reply to fill for the task")
    public record Draft(@Schema(examples = "3") @NotNull Long savedReplyId) {
    }

    @Schema(description = "A saved reply; placeholders {author}, {link}, {title}, {source}, {agent}, {team}")
    public record SavedReply(
            @Schema(examples = "support") String team,
            @Schema(examples = "outage-apology") String name,
            @Schema(examples = "Hi {author}, sorry for the trouble: we are on it, updates at {link}. {agent}")
            String body) {
    }
}
