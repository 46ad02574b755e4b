package dev.earshot.response.inbox;

import java.util.List;

/**
 * The inbox page's controls as the request set them: the tabs (Mine, Unassigned, All, one per team), the filters'
 * choices with what is checked, and the bulk actions' choices (people to assign, teams to move to).
 */
public record QueueView(List<Choice> tabs, String assignee, String team, String tier, String status, String text,
        List<Filter> filters, List<String> people, List<String> teams) {

    /** A tab or a checkbox: its value (a tab's link), label and whether it is the current or checked one. */
    public record Choice(String value, String label, boolean on) {
    }

    /** A filter taking several values (source, intent, sentiment): its query parameter, label and boxes. */
    public record Filter(String name, String label, List<Choice> choices) {

        /** How many boxes are checked (shown on the closed filter). */
        public long checked() {
            return choices.stream().filter(Choice::on).count();
        }
    }
}
