package dev.earshot.response.reply;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class SavedReplyRepository implements PanacheRepositoryBase<SavedReplyEntity, Long> {

    public Uni<List<SavedReplyEntity>> ofTeam(String team) {
        return team == null ? list("order by team, name") : list("team = ?1 order by name", team);
    }

    public Uni<SavedReplyEntity> lock(long id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<SavedReplyEntity> byName(String team, String name) {
        return find("team = ?1 and name = ?2", team, name).firstResult();
    }
}
