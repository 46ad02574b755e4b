package dev.earshot.response.task;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** "Viewing" heartbeats: who has a task open, until when. */
@ApplicationScoped
public class ViewerRepository {

    public record Viewer(String viewer, Instant until) {
    }

    public Uni<Integer> beat(long taskId, String viewer, Instant until) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                INSERT INTO task_viewer (task_id, viewer, until) VALUES (:task, :viewer, :until)
                ON CONFLICT (task_id, viewer) DO UPDATE SET until = EXCLUDED.until
                """)
                .setParameter("task", taskId)
                .setParameter("viewer", viewer)
                .setParameter("until", until)
                .executeUpdate());
    }

    public Uni<Integer> leave(long taskId, String viewer) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                "DELETE FROM task_viewer WHERE task_id = :task AND viewer = :viewer")
                .setParameter("task", taskId)
                .setParameter("viewer", viewer)
                .executeUpdate());
    }

    public Uni<List<Viewer>> active(long taskId, Instant now) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                SELECT viewer, until FROM task_viewer WHERE task_id = :task AND until > :now ORDER BY viewer
                """, Object[].class)
                .setParameter("task", taskId)
                .setParameter("now", now)
                .getResultList()
                .map(rows -> rows.stream().map(r -> new Viewer((String) r[0], toInstant(r[1]))).toList()));
    }

    public Uni<Integer> deleteExpired(Instant now) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("DELETE FROM task_viewer WHERE until <= :now")
                .setParameter("now", now)
                .executeUpdate());
    }

    static Instant toInstant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.LocalDateTime l) {
            return l.toInstant(java.time.ZoneOffset.UTC);
        }
        throw new IllegalStateException("not a time: " + value.getClass());
    }
}
