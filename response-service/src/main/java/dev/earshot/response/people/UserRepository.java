package dev.earshot.response.people;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
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

    /**
     * The person with this email (any case), unless the provider ended the sign-in of this ID token
     * ({@link EndedSignIns}): one query, the directory read and the ended check together. Null for someone unknown
     * and for an ended sign-in alike ({@link EndedSignIns#ended} tells them apart).
     */
    public Uni<UserEntity> byEmailWhileSignedIn(String email, EndedSignIns.Key key) {
        return Panache.getSession().flatMap(s -> EndedSignIns.bind(s.createNativeQuery(
                "SELECT u.* FROM app_user u WHERE lower(u.email) = lower(:email) AND NOT "
                        + EndedSignIns.endedSql(key), UserEntity.class), key)
                .setParameter("email", email)
                .getResultList()
                .map(found -> found.isEmpty() ? null : found.get(0)));
    }

    public Uni<UserEntity> bySlackId(String slackUserId) {
        return find("upper(slackUserId) = upper(?1)", slackUserId).firstResult();
    }

    /** Whether anyone is in the directory: while nobody is, the old rules hold (see {@link Directory}). */
    public Uni<Boolean> inUse() {
        return find("select 1 from UserEntity").project(Integer.class).firstResult().map(x -> x != null);
    }
}
