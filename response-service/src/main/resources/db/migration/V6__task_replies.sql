-- Replies as their own records: several per task, each with who, when, where (channel), an optional link
-- (required for a public reply) and optional text. Recording one never changes the task's status.
CREATE TABLE task_reply (
    id         BIGSERIAL PRIMARY KEY,
    task_id    BIGINT      NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    author     TEXT        NOT NULL,
    channel    TEXT        NOT NULL CHECK (channel IN ('public', 'dm', 'email', 'other')),
    link       TEXT,
    text       TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    CHECK (channel <> 'public' OR link IS NOT NULL)
);
CREATE INDEX task_reply_task_idx ON task_reply (task_id, id);
CREATE INDEX task_reply_created_idx ON task_reply (created_at);

-- Who replied last, and when: a customer's follow-up post goes back to them.
ALTER TABLE task
    ADD COLUMN last_reply_by TEXT,
    ADD COLUMN last_reply_at TIMESTAMPTZ;

-- Until now the only reply was the one of the last resolve (task.reply_url, reply_text): keep it as a record.
INSERT INTO task_reply (task_id, author, channel, link, text, created_at)
SELECT id, coalesce(assignee, first_response_by, 'unknown'), 'public', reply_url, reply_text,
       coalesce(resolved_at, first_response_at, updated_at)
FROM task WHERE reply_url IS NOT NULL;
UPDATE task t SET last_reply_by = r.author, last_reply_at = r.created_at
FROM task_reply r WHERE r.task_id = t.id;
