package dev.earshot.response.reply;

import java.util.List;

public record SavedReplyList(List<SavedReplyView> items) {
}
