package dev.earshot.response.reply;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A saved reply filled for one task, ready to paste and post")
public record FilledReply(long taskId, long savedReplyId, String name,
        @Schema(examples = "Hi alice, sorry for the trouble: we are on it, updates at https://news.ycombinator.com/item?id=41000123. dana")
        String text) {
}
