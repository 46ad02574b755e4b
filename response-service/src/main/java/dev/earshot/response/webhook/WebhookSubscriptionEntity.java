package dev.earshot.response.webhook;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A chat tool or HTTP endpoint that hears about the events it asked for (table webhook_subscription). */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscriptionEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;
    public String url;

    /** {@link WebhookFormat#id()}. */
    public String format;

    /** {@link WebhookEventType#id()} values. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> events;

    /** Only tasks of this tier or more urgent (P1 is the most urgent); null for all. */
    @Column(name = "min_tier")
    public String minTier;

    /** Each filter is "any" when empty, else the task must match one of its values. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> teams;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> intents;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> sources;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> rules;

    /** Standard Webhooks signing keys, newest first; never shown by the API. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> secrets;

    public boolean enabled;

    @Column(name = "disabled_reason")
    public String disabledReason;

    public long version;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
