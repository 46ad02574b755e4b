package dev.earshot.response.reply;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class SavedReplyRepository implements PanacheRepositoryBase<SavedReplyEntity, Long> {

    /**
     * At most {@code max} saved replies of {@code teams} (empty: every team) in team and name order, after the one
     * of {@code after} (null: from the first).
     */
    public Uni<List<SavedReplyEntity>> page(List<String> teams, SavedReplyCursor.Position after, int max) {
        StringBuilder query = new StringBuilder("from SavedReplyEntity where true");
        Map<String, Object> params = new HashMap<>();
        if (!teams.isEmpty()) {
            query.append(" and team in :teams");
            params.put("teams", teams);
        }
        if (after != null) {
            query.append(" and (team > :team or (team = :team and name > :name))");
            params.put("team", after.team());
            params.put("name", after.name());
        }
        return find(query.append(" order by team, name").toString(), params).range(0, max - 1).list();
    }

    public Uni<SavedReplyEntity> lock(long id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<SavedReplyEntity> byName(String team, String name) {
        return find("team = ?1 and name = ?2", team, name).firstResult();
    }
}
