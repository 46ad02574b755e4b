package dev.earshot.response.task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.earshot.web.Page;

/** A task and its posts as the API shows them. */
public final class TaskViews {

    private TaskViews() {
    }

    public static TaskSummary summary(TaskEntity t, Instant now) {
        return summary(t, now, List.of());
    }

    public static TaskSummary summary(TaskEntity t, Instant now, List<String> viewers) {
        return new TaskSummary(t.id, t.conversationId, t.source, t.title, t.permalink, t.status.wire(), t.priorityScore,
                t.tier, t.priorityReasons, t.sentimentLabel, t.mentionCount, t.negativeCount, t.positiveCount,
                t.firstMentionAt, t.lastMentionAt, t.createdAt, t.slaDueAt, t.secondsToBreach(now), t.team,
                t.assignee, t.needsReply, t.intents, t.authorHandle, t.snoozedUntil, t.version,
                t.ingestLagSeconds, t.replyExcerpt, t.replyLanguage, List.copyOf(viewers));
    }

    public static TaskDetail detail(TaskEntity t, Page<MentionView> posts, List<String> links, Page<NoteView> noteList,
            List<ViewerRepository.Viewer> viewerList, List<TaskReplyEntity> newestReplies, Instant now) {
        return new TaskDetail(t.id, t.conversationId, t.source, t.title, t.permalink, t.status.wire(), t.priorityScore,
                t.tier, t.priorityReasons, t.sentimentLabel, t.mentionCount, t.negativeCount, t.positiveCount,
                t.firstMentionAt, t.lastMentionAt, t.createdAt, t.updatedAt, t.slaDueAt, t.secondsToBreach(now),
                t.team, t.routingReason, t.assignee, t.claimedAt, t.needsReply, t.intents, t.authorId,
                t.authorHandle, t.snoozedUntil, t.firstResponseAt, t.firstResponseBy, t.firstResponseInSla,
                t.resolvedAt, t.replyUrl, t.replyText, t.dismissReason, t.duplicateOfTaskId, List.copyOf(links),
                viewerList.stream().map(v -> new ViewerView(v.viewer(), v.until())).toList(),
                oldestFirst(noteList.items()), noteList.nextCursor(), t.version,
                oldestFirst(posts.items()), posts.nextCursor(),
                oldestFirst(newestReplies.stream().map(ReplyView::of).toList()), t.ingestLagSeconds);
    }

    private static <T> List<T> oldestFirst(List<T> newestFirst) {
        List<T> list = new ArrayList<>(newestFirst);
        Collections.reverse(list);
        return List.copyOf(list);
    }

    public static MentionView mentionView(MentionEntity m) {
        return new MentionView(m.id, m.source, m.permalink, m.authorId, m.authorHandle, m.authorDisplayName,
                m.authorFollowers, m.authorProfileUrl, m.title, m.text, m.createdAt, m.editedAt, m.links,
                m.matchedRules, m.nearDuplicateOf, m.sentimentLabel, m.sentimentScore, m.sentimentDrivers,
                m.urgencyScore, m.urgencyLevel, m.urgencyReasons, m.needsReply, m.intents, m.language,
                m.modelVersion, m.receivedAt);
    }
}
