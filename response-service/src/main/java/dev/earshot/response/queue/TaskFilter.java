package dev.earshot.response.queue;

import java.util.List;

/**
 * What the queue lists. Each list matches any of its values and an empty list does not filter; null
 * {@code statuses} is every status, null {@code needsReply} either; {@code text} is lower case;
 * {@code unassigned} also takes the tasks nobody claimed (with {@code assignees}: theirs or nobody's);
 * {@code authorHandle} (with {@code sources}) one author's tasks.
 */
public record TaskFilter(List<String> statuses, Boolean needsReply, List<String> teams, List<String> tiers,
        List<String> sources, List<String> intents, List<String> sentiments, List<String> assignees,
        boolean unassigned, String text, String authorHandle) {

    /** Every task of one author on one source, any status. */
    public static TaskFilter ofAuthor(String source, String authorHandle) {
        return new TaskFilter(null, null, List.of(), List.of(), List.of(source), List.of(), List.of(), List.of(),
                false, null, authorHandle);
    }
}
