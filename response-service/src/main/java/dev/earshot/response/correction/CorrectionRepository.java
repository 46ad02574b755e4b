package dev.earshot.response.correction;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class CorrectionRepository implements PanacheRepositoryBase<CorrectionEntity, Long> {

    /** The first correction of each field of a task (which holds the model's value). */
    public Uni<List<CorrectionEntity>> firstOfEachField(long taskId) {
        return list("taskId = ?1 and id in (select min(c.id) from CorrectionEntity c where c.taskId = ?1 "
                + "group by c.field)", taskId);
    }

    /** Export rows after {@code after} (exclusive), oldest first. */
    public Uni<List<CorrectionEntity>> page(long after, int max) {
        return find("id > ?1 order by id", after).page(0, max).list();
    }
}
