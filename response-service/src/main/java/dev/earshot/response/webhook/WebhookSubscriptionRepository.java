package dev.earshot.response.webhook;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class WebhookSubscriptionRepository implements PanacheRepositoryBase<WebhookSubscriptionEntity, Long> {

    /** At most {@code max} subscriptions in id order, after {@code afterId} (null: from the first). */
    public Uni<List<WebhookSubscriptionEntity>> page(Long afterId, int max) {
        return (afterId == null ? find("order by id asc") : find("id > ?1 order by id asc", afterId))
                .range(0, max - 1).list();
    }

    public Uni<WebhookSubscriptionEntity> lock(long id) {
        return find("id = ?1", id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }
}
