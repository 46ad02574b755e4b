package dev.earshot.response.task.api;

import java.util.List;

public record SavedReplyList(List<SavedReplyView> items) {
}
