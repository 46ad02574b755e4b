-- The directory of people (issue 15): who may be assigned, which teams an agent claims from, the Slack link.
-- Nothing secret is stored here; the id is the name tokens carry (upn), e.g. ann@acme.example.
CREATE TABLE app_user (
    id            TEXT        PRIMARY KEY,
    display_name  TEXT        NOT NULL,
    email         TEXT        NOT NULL,
    role          TEXT        NOT NULL CHECK (role IN ('agent', 'lead', 'admin')),
    teams         TEXT[]      NOT NULL DEFAULT '{}',
    slack_user_id TEXT,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX app_user_email_idx ON app_user (lower(email));
CREATE UNIQUE INDEX app_user_slack_idx ON app_user (upper(slack_user_id)) WHERE slack_user_id IS NOT NULL;

-- Corrections of what the model decided: the fields a person corrected win over later recomputation.
ALTER TABLE task ADD COLUMN corrected_fields TEXT[] NOT NULL DEFAULT '{}';

CREATE TABLE task_correction (
    id           BIGSERIAL   PRIMARY KEY,
    task_id      BIGINT      NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    mention_id   TEXT,
    field        TEXT        NOT NULL CHECK (field IN ('tier', 'sentiment', 'intents', 'needsReply', 'spam')),
    model_value  TEXT,
    old_value    TEXT,
    new_value    TEXT        NOT NULL,
    corrected_by TEXT        NOT NULL,
    corrected_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX task_correction_task_idx ON task_correction (task_id, field, id);
