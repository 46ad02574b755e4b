package dev.earshot.response.webhook;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class WebhookSubscriptionRepository implements PanacheRepositoryBase<WebhookSubscriptionEntity, Long> {

    public Uni<List<WebhookSubscriptionEntity>> all() {
        return list("order by id asc");
    }

    public Uni<WebhookSubscriptionEntity> lock(long id) {
        return find("id = ?1", id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }
}
