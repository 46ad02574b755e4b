-- The response workflow: statuses, routing, ownership, optimistic versions, audit trail,
-- notes, viewers, saved replies and idempotency keys.

-- Statuses: open, claimed, snoozed, resolved, dismissed (V1's in_progress becomes claimed).
UPDATE task SET status = 'claimed' WHERE status = 'in_progress';
ALTER TABLE task
    ADD CONSTRAINT task_status_check CHECK (status IN ('open', 'claimed', 'snoozed', 'resolved', 'dismissed')),
    ADD COLUMN version               BIGINT      NOT NULL DEFAULT 1,
    ADD COLUMN team                  TEXT        NOT NULL DEFAULT 'support',
    ADD COLUMN routing_reason        TEXT,
    ADD COLUMN needs_reply           BOOLEAN     NOT NULL DEFAULT true,
    ADD COLUMN intents               TEXT[]      NOT NULL DEFAULT '{}',
    ADD COLUMN author_id             TEXT,
    ADD COLUMN author_handle         TEXT,
    ADD COLUMN positive_count        INTEGER     NOT NULL DEFAULT 0,
    ADD COLUMN assignee              TEXT,
    ADD COLUMN claimed_at            TIMESTAMPTZ,
    ADD COLUMN snoozed_until         TIMESTAMPTZ,
    ADD COLUMN first_response_at     TIMESTAMPTZ,
    ADD COLUMN first_response_by     TEXT,
    ADD COLUMN first_response_in_sla BOOLEAN,
    ADD COLUMN resolved_at           TIMESTAMPTZ,
    ADD COLUMN reply_url             TEXT,
    ADD COLUMN reply_text            TEXT,
    ADD COLUMN dismiss_reason        TEXT CHECK (dismiss_reason IN ('spam', 'irrelevant', 'duplicate')),
    ADD COLUMN duplicate_of_task_id  BIGINT REFERENCES task (id) ON DELETE SET NULL,
    ADD COLUMN team_locked           BOOLEAN     NOT NULL DEFAULT false,
    ADD COLUMN matched_rules         TEXT[]      NOT NULL DEFAULT '{}',
    ADD COLUMN sla_started_at        TIMESTAMPTZ,
    ADD COLUMN search_text           TEXT        NOT NULL DEFAULT '';

UPDATE task SET search_text = coalesce(title, ''), sla_started_at = created_at;
ALTER TABLE task ALTER COLUMN sla_started_at SET NOT NULL;

-- The default queue: tasks waiting for a first reply, by time to SLA breach, then priority.
DROP INDEX task_queue_idx;
DROP INDEX task_status_queue_idx;
CREATE INDEX task_queue_idx ON task (sla_due_at ASC, priority_score DESC, id ASC);
CREATE INDEX task_status_queue_idx ON task (status, sla_due_at ASC, priority_score DESC, id ASC);
-- What claim-next scans: open tasks that need a reply, in queue order.
CREATE INDEX task_claimable_idx ON task (sla_due_at ASC, priority_score DESC, id ASC)
    WHERE status = 'open' AND needs_reply;
CREATE INDEX task_team_queue_idx ON task (team, sla_due_at ASC, priority_score DESC, id ASC);
CREATE INDEX task_assignee_idx ON task (assignee) WHERE assignee IS NOT NULL;
CREATE INDEX task_snoozed_idx ON task (snoozed_until) WHERE status = 'snoozed';
CREATE INDEX task_first_response_idx ON task (first_response_at) WHERE first_response_at IS NOT NULL;
CREATE INDEX task_resolved_idx ON task (resolved_at) WHERE resolved_at IS NOT NULL;
CREATE INDEX task_created_idx ON task (created_at);
CREATE INDEX task_author_idx ON task (source, author_handle);

ALTER TABLE mention
    ADD COLUMN author_id          TEXT,
    ADD COLUMN author_profile_url TEXT,
    ADD COLUMN links              TEXT[]      NOT NULL DEFAULT '{}',
    ADD COLUMN matched_rules      TEXT[]      NOT NULL DEFAULT '{}',
    ADD COLUMN near_duplicate_of  TEXT,
    ADD COLUMN edited_at          TIMESTAMPTZ,
    ADD COLUMN needs_reply        BOOLEAN,
    ADD COLUMN sentiment_drivers  TEXT[]      NOT NULL DEFAULT '{}',
    ADD COLUMN language_supported BOOLEAN;

CREATE INDEX mention_author_idx ON mention (source, author_handle);
CREATE INDEX mention_author_id_idx ON mention (source, author_id);
CREATE INDEX mention_created_idx ON mention (created_at);

-- Audit trail: every change of a task, by whom (JWT upn/subject, or "system" for ingestion).
CREATE TABLE task_event (
    id          BIGSERIAL PRIMARY KEY,
    task_id     BIGINT      NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    actor       TEXT        NOT NULL,
    action      TEXT        NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    from_status TEXT,
    to_status   TEXT,
    detail      TEXT
);
CREATE INDEX task_event_task_idx ON task_event (task_id, id);

CREATE TABLE task_note (
    id         BIGSERIAL PRIMARY KEY,
    task_id    BIGINT      NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    author     TEXT        NOT NULL,
    text       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX task_note_task_idx ON task_note (task_id, id);

-- "Who is looking at this task": a heartbeat per viewer with an expiry.
CREATE TABLE task_viewer (
    task_id BIGINT      NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    viewer  TEXT        NOT NULL,
    until   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (task_id, viewer)
);

CREATE TABLE saved_reply (
    id         BIGSERIAL PRIMARY KEY,
    team       TEXT        NOT NULL,
    name       TEXT        NOT NULL,
    body       TEXT        NOT NULL,
    version    BIGINT      NOT NULL DEFAULT 1,
    created_by TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    UNIQUE (team, name)
);

-- Idempotency-Key: the first answer to a (caller, key) is stored and replayed on a retry.
CREATE TABLE idempotency_key (
    caller       TEXT        NOT NULL,
    key          TEXT        NOT NULL,
    fingerprint  TEXT        NOT NULL,
    status       INTEGER     NOT NULL,
    body         TEXT,
    etag         TEXT,
    location     TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (caller, key)
);
CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);
