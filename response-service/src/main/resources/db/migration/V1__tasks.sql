-- Response tasks: one per conversation, holding every mention that arrived for it.
CREATE TABLE task (
    id               BIGSERIAL PRIMARY KEY,
    conversation_id  TEXT             NOT NULL UNIQUE,
    source           TEXT             NOT NULL,
    title            TEXT,
    permalink        TEXT,
    status           TEXT             NOT NULL DEFAULT 'open',
    priority_score   DOUBLE PRECISION NOT NULL DEFAULT 0,
    tier             TEXT             NOT NULL DEFAULT 'P4' CHECK (tier IN ('P1', 'P2', 'P3', 'P4')),
    priority_reasons TEXT[]           NOT NULL DEFAULT '{}',
    sentiment_label  TEXT,
    negative_count   INTEGER          NOT NULL DEFAULT 0,
    mention_count    INTEGER          NOT NULL DEFAULT 0,
    first_mention_at TIMESTAMPTZ      NOT NULL,
    last_mention_at  TIMESTAMPTZ      NOT NULL,
    created_at       TIMESTAMPTZ      NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ      NOT NULL DEFAULT now(),
    sla_due_at       TIMESTAMPTZ      NOT NULL
);

-- The queue order: highest priority first, then earliest SLA, then id (keyset pagination).
CREATE INDEX task_queue_idx ON task (priority_score DESC, sla_due_at ASC, id ASC);
CREATE INDEX task_status_queue_idx ON task (status, priority_score DESC, sla_due_at ASC, id ASC);

CREATE TABLE mention (
    id                  TEXT PRIMARY KEY,
    task_id             BIGINT      NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    conversation_id     TEXT        NOT NULL,
    source              TEXT        NOT NULL,
    permalink           TEXT,
    author_handle       TEXT,
    author_display_name TEXT,
    author_followers    BIGINT,
    text                TEXT,
    title               TEXT,
    created_at          TIMESTAMPTZ NOT NULL,
    sentiment_label     TEXT        NOT NULL,
    sentiment_score     DOUBLE PRECISION,
    urgency_score       DOUBLE PRECISION,
    urgency_level       TEXT,
    urgency_reasons     TEXT[]      NOT NULL DEFAULT '{}',
    intents             TEXT[]      NOT NULL DEFAULT '{}',
    language            TEXT,
    model_version       TEXT,
    received_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX mention_task_idx ON mention (task_id, created_at, id);
