package dev.earshot.response.people;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<UserEntity, String> {

    /** A page in id order after {@code after} (exclusive; null from the start). */
    public Uni<List<UserEntity>> page(String after, int max) {
        return (after == null ? find("order by id") : find("id > ?1 order by id", after)).page(0, max).list();
    }

    public Uni<UserEntity> byEmail(String email) {
        return find("lower(email) = lower(?1)", email).firstResult();
    }

    public Uni<UserEntity> bySlackId(String slackUserId) {
        return find("upper(slackUserId) = upper(?1)", slackUserId).firstResult();
    }

    /** Whether anyone is in the directory: while nobody is, the old rules hold (see {@link Directory}). */
    public Uni<Boolean> inUse() {
        return find("select 1 from UserEntity").project(Integer.class).firstResult().map(x -> x != null);
    }
}
