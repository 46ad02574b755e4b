-- Chat-tool webhooks and alerts: subscriptions, the transactional outbox, deliveries with their log,
-- SLA alert marks on tasks and spike alert state per listening rule.

CREATE TABLE webhook_subscription (
    id              BIGSERIAL PRIMARY KEY,
    name            TEXT        NOT NULL,
    url             TEXT        NOT NULL,
    -- slack, teams, discord, mattermost, google-chat, json
    format          TEXT        NOT NULL CHECK (format IN ('slack', 'teams', 'discord', 'mattermost', 'google-chat', 'json')),
    -- task.created, task.escalated, task.sla_warning, task.sla_breached, task.resolved, volume.spike
    events          TEXT[]      NOT NULL,
    min_tier        TEXT        CHECK (min_tier IN ('P1', 'P2', 'P3', 'P4')),
    teams           TEXT[]      NOT NULL DEFAULT '{}',
    intents         TEXT[]      NOT NULL DEFAULT '{}',
    sources         TEXT[]      NOT NULL DEFAULT '{}',
    rules           TEXT[]      NOT NULL DEFAULT '{}',
    -- Standard Webhooks signing keys ("whsec_" + base64), newest first; every one signs during a rotation.
    secrets         TEXT[]      NOT NULL DEFAULT '{}',
    enabled         BOOLEAN     NOT NULL DEFAULT true,
    disabled_reason TEXT,
    version         BIGINT      NOT NULL DEFAULT 1,
    created_by      TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);

-- Written in the same transaction as the change that causes it; the dispatcher fans each row out to
-- the matching subscriptions (one webhook_delivery each) and marks it dispatched.
CREATE TABLE webhook_outbox (
    id            BIGSERIAL PRIMARY KEY,
    event_id      UUID        NOT NULL UNIQUE,
    event_type    TEXT        NOT NULL,
    task_id       BIGINT      REFERENCES task (id) ON DELETE CASCADE,
    -- The event as JSON (dev.earshot.response.webhook.WebhookEvent), a snapshot at the time of the change.
    payload       TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    dispatched_at TIMESTAMPTZ
);
CREATE INDEX webhook_outbox_pending_idx ON webhook_outbox (id) WHERE dispatched_at IS NULL;

CREATE TABLE webhook_delivery (
    id               BIGSERIAL PRIMARY KEY,
    outbox_id        BIGINT      NOT NULL REFERENCES webhook_outbox (id) ON DELETE CASCADE,
    subscription_id  BIGINT      NOT NULL REFERENCES webhook_subscription (id) ON DELETE CASCADE,
    -- pending (waiting for its next attempt), delivered, failed (gave up or endpoint disabled)
    status           TEXT        NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ,
    last_attempt_at  TIMESTAMPTZ,
    last_status_code INTEGER,
    last_error       TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    delivered_at     TIMESTAMPTZ,
    UNIQUE (outbox_id, subscription_id)
);
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_delivery_subscription_idx ON webhook_delivery (subscription_id, id DESC);

-- Every attempt of a delivery: the log behind GET /api/v1/webhooks/{id}/deliveries.
CREATE TABLE webhook_attempt (
    id            BIGSERIAL PRIMARY KEY,
    delivery_id   BIGINT      NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
    attempted_at  TIMESTAMPTZ NOT NULL,
    status_code   INTEGER,
    error         TEXT,
    duration_ms   INTEGER     NOT NULL,
    response_body TEXT
);
CREATE INDEX webhook_attempt_delivery_idx ON webhook_attempt (delivery_id, id);

-- SLA alerts fire once each per SLA clock: a reopen (new clock) clears both marks.
ALTER TABLE task
    ADD COLUMN sla_warned_at          TIMESTAMPTZ,
    ADD COLUMN sla_breach_alerted_at  TIMESTAMPTZ;
CREATE INDEX task_sla_alert_idx ON task (sla_due_at)
    WHERE first_response_at IS NULL AND status IN ('open', 'claimed', 'snoozed') AND sla_breach_alerted_at IS NULL;

-- Spike alerts: the last alert per listening rule, for the cooldown.
CREATE TABLE spike_alert_state (
    rule          TEXT PRIMARY KEY,
    last_alert_at TIMESTAMPTZ NOT NULL
);
-- Counting recent mentions per rule.
CREATE INDEX mention_rules_created_idx ON mention USING gin (matched_rules);
