package dev.earshot.response.task;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import dev.earshot.response.common.Paging;
import dev.earshot.web.InvalidRequestException;

/**
 * Opaque cursors of a task's posts and notes (newest first) and history (oldest first), base64url encoded like the
 * queue's {@code QueueCursor}: a post cursor holds the time and id of the last post of a page, a note or history
 * cursor the id of the last note or entry.
 */
final class ConversationCursor {

    private static final String POSTS = "p1";
    private static final String NOTES = "n1";
    private static final String EVENTS = "e1";

    /** Where a page of posts ended. */
    record PostPosition(Instant createdAt, String id) {
    }

    private ConversationCursor() {
    }

    static String posts(Instant createdAt, String id) {
        return encode(POSTS + "|" + createdAt + "|" + id);
    }

    static String notes(long id) {
        return encode(NOTES + "|" + id);
    }

    static String events(long id) {
        return encode(EVENTS + "|" + id);
    }

    static PostPosition decodePosts(String cursor) {
        try {
            String[] parts = decode(cursor).split("\\|", 3);
            if (parts.length != 3 || !POSTS.equals(parts[0]) || parts[2].isEmpty()) {
                throw new IllegalArgumentException("not a post cursor");
            }
            return new PostPosition(Instant.parse(parts[1]), parts[2]);
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    static long decodeNotes(String cursor) {
        return decodeId(NOTES, cursor);
    }

    static long decodeEvents(String cursor) {
        return decodeId(EVENTS, cursor);
    }

    private static long decodeId(String kind, String cursor) {
        try {
            String[] parts = decode(cursor).split("\\|", -1);
            if (parts.length != 2 || !kind.equals(parts[0])) {
                throw new IllegalArgumentException("not a " + kind + " cursor");
            }
            return Long.parseLong(parts[1]);
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    private static String encode(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    }

    private static InvalidRequestException invalid() {
        return Paging.invalidCursor();
    }
}
