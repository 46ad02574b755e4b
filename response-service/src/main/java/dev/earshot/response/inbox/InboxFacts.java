package dev.earshot.response.inbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.response.storage.StoredText;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * What the inbox shows beside the queue API's summaries, read on the reactive client like the queue itself: each
 * task's reach (the largest follower count among its conversation's authors, the figure the priority uses), and the
 * sources posts came from (the source filter's choices).
 */
@ApplicationScoped
public class InboxFacts {

    /**
     * The distinct sources of the stored posts, by a skip scan of the (source, author_handle) index: one index probe
     * per source, however many posts there are.
     */
    private static final String SOURCES = "WITH RECURSIVE s AS (SELECT min(source) AS source FROM mention"
            + " UNION ALL SELECT (SELECT min(m.source) FROM mention m WHERE m.source > s.source) FROM s"
            + " WHERE s.source IS NOT NULL) SELECT source FROM s WHERE source IS NOT NULL";

    private final Pool pool;

    public InboxFacts(Pool pool) {
        this.pool = pool;
    }

    /** Reach per task id, for the tasks that have one. */
    Uni<Map<Long, Long>> reach(List<Long> taskIds) {
        if (taskIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("SELECT id, max_followers FROM task WHERE id = ANY ($1) AND max_followers IS NOT NULL")
                .execute(StoredText.tuple((Object) taskIds.toArray(new Long[0]))).map(rows -> {
                    Map<Long, Long> reach = new HashMap<>();
                    for (Row r : rows) {
                        reach.put(r.getLong(0), r.getLong(1));
                    }
                    return reach;
                });
    }

    /** The sources of the stored posts, in name order. */
    Uni<List<String>> sources() {
        return pool.query(SOURCES).execute().map(rows -> {
            List<String> sources = new ArrayList<>();
            for (Row r : rows) {
                sources.add(r.getString(0));
            }
            return sources;
        });
    }
}
