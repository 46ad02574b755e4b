package dev.earshot.listener.source;

import io.smallrye.mutiny.Uni;

/** Durable cursors in Redis, by feed key; a restart resumes from them. */
public interface CursorStore {

    /** The stored cursor of a feed, or null when it was never polled. */
    Uni<String> cursor(String feedKey);

    Uni<Void> setCursor(String feedKey, String cursor);
}
