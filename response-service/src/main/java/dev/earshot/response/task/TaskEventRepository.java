package dev.earshot.response.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.response.storage.StoredText;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TaskEventRepository implements PanacheRepositoryBase<TaskEventEntity, Long> {

    private final ObjectMapper mapper;

    public TaskEventRepository(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** At most {@code max} entries of a task's audit trail, oldest first, after entry {@code afterId} (null: all). */
    public Uni<List<TaskEventEntity>> ofTask(long taskId, Long afterId, int max) {
        return (afterId == null ? find("taskId = ?1 order by id asc", taskId)
                : find("taskId = ?1 and id > ?2 order by id asc", taskId, afterId)).range(0, max - 1).list();
    }

    /**
     * Writes audit entries in one statement, in the caller's transaction, their ids in the list's order (a task's
     * history is read in id order). The entities are not attached to the session and get no id: a batch's entries
     * are written once, not read back.
     */
    public Uni<Void> insertAll(List<TaskEventEntity> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Map<String, Object>> rows = new ArrayList<>(entries.size());
        for (TaskEventEntity e : entries) {
            rows.add(StoredText.row("n", rows.size(), "task_id", e.taskId, "actor", e.actor, "action", e.action,
                    "at", e.at.toString(), "from_status", e.fromStatus, "to_status", e.toStatus, "detail", e.detail));
        }
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                INSERT INTO task_event (task_id, actor, action, at, from_status, to_status, detail)
                SELECT r.task_id, r.actor, r.action, r.at, r.from_status, r.to_status, r.detail
                FROM jsonb_to_recordset(CAST(CAST(:rows AS text) AS jsonb)) AS r(n int, task_id bigint, actor text,
                     action text, at timestamptz, from_status text, to_status text, detail text)
                ORDER BY r.n
                """)
                .setParameter("rows", StoredText.rows(mapper, rows))
                .executeUpdate())
                .replaceWithVoid();
    }
}
