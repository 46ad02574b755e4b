package dev.earshot.response.inbox;

import java.util.List;

import dev.earshot.response.customer.CustomerView;
import dev.earshot.response.reply.FilledReply;
import dev.earshot.response.task.MentionView;
import dev.earshot.response.task.TaskSummary;

/**
 * What the task page shows beside the task's detail: a page of older posts when asked (oldest first, with the cursor
 * of the page before it), the team's saved replies filled for this task, the author's other tasks (customer view,
 * null when the author is unknown), who can be assigned, the teams, and the presence warning.
 */
public record TaskExtras(List<MentionView> older, String olderCursor, List<FilledReply> replies,
        CustomerView customer, List<TaskSummary> otherTasks, List<String> people, List<String> teams,
        Presence presence) {
}
