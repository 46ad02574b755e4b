package dev.earshot.response.inbox;

import java.util.List;

/**
 * The task page's warning: who else claimed the task (null: nobody or the reader) and who else has it open right
 * now (viewing heartbeats, which the page renews while it stays open).
 */
public record Presence(long taskId, String claimedByOther, List<String> othersViewing) {

    static Presence of(long taskId, String me, String assignee, List<String> viewers) {
        return new Presence(taskId, assignee != null && !assignee.equals(me) ? assignee : null,
                viewers.stream().filter(v -> !v.equals(me)).toList());
    }
}
