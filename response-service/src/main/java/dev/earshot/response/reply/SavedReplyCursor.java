package dev.earshot.response.reply;

import dev.earshot.response.common.Paging;

/** Opaque cursor of the saved replies (team and name order): the team and name of the last one of a page. */
final class SavedReplyCursor {

    private static final String VERSION = "r1";

    /** Where a page ended. */
    record Position(String team, String name) {
    }

    private SavedReplyCursor() {
    }

    static String encode(SavedReplyEntity last) {
        // the team's length says where the name starts: either may hold any character
        return Paging.textCursor(VERSION + "|" + last.team.length() + "|" + last.team + last.name);
    }

    static Position decode(String cursor) {
        try {
            String[] parts = Paging.afterText(cursor).split("\\|", 3);
            if (parts.length != 3 || !VERSION.equals(parts[0])) {
                throw new IllegalArgumentException("not a saved reply cursor");
            }
            int teamLength = Integer.parseInt(parts[1]);
            return new Position(parts[2].substring(0, teamLength), parts[2].substring(teamLength));
        } catch (RuntimeException e) {
            throw Paging.invalidCursor();
        }
    }
}
