-- Issue 15, "Time and order" and "A readable queue".
ALTER TABLE task
    -- posted -> stored delay of the post that started the SLA clock (the clock counts from the post)
    ADD COLUMN ingest_lag_seconds   DOUBLE PRECISION,
    -- while snoozed: when the snooze began (the SLA clock is paused); sla_paused_seconds sums finished pauses
    ADD COLUMN snoozed_at           TIMESTAMPTZ,
    ADD COLUMN sla_paused_seconds   DOUBLE PRECISION NOT NULL DEFAULT 0,
    -- the most recent post needing a reply: an excerpt, its language, its time
    ADD COLUMN reply_excerpt        TEXT,
    ADD COLUMN reply_language       TEXT,
    ADD COLUMN reply_post_at        TIMESTAMPTZ,
    -- the conversation's priority inputs (worst / largest so far), so priority and reasons derive from them
    ADD COLUMN max_urgency          DOUBLE PRECISION,
    ADD COLUMN min_sentiment        DOUBLE PRECISION,
    ADD COLUMN max_followers        BIGINT,
    ADD COLUMN max_engagement       BIGINT,
    ADD COLUMN max_recent_posts     INTEGER NOT NULL DEFAULT 1,
    ADD COLUMN urgency_reasons      TEXT[] NOT NULL DEFAULT '{}',
    -- the queue order's first key: sla_due_at rounded down to 5 minutes (kept by the trigger below)
    ADD COLUMN sla_bucket           TIMESTAMPTZ;

CREATE FUNCTION task_sla_bucket() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.sla_bucket := to_timestamp(floor(extract(epoch FROM NEW.sla_due_at) / 300) * 300);
    RETURN NEW;
END $$;
CREATE TRIGGER task_sla_bucket BEFORE INSERT OR UPDATE ON task
    FOR EACH ROW EXECUTE FUNCTION task_sla_bucket();

UPDATE task t SET sla_bucket = to_timestamp(floor(extract(epoch FROM t.sla_due_at) / 300) * 300),
    max_urgency = m.max_urgency, min_sentiment = m.min_sentiment, max_followers = m.max_followers,
    urgency_reasons = coalesce(m.reasons, '{}')
    FROM (SELECT task_id, max(urgency_score) AS max_urgency, min(sentiment_score) AS min_sentiment,
                 max(author_followers) AS max_followers,
                 array(SELECT DISTINCT r FROM mention m2, unnest(m2.urgency_reasons) r WHERE m2.task_id = mention.task_id) AS reasons
          FROM mention GROUP BY task_id) m
    WHERE m.task_id = t.id;
UPDATE task t SET reply_excerpt = left(coalesce(m.text, m.title), 200), reply_language = m.language,
    reply_post_at = m.created_at
    FROM (SELECT DISTINCT ON (task_id) task_id, text, title, language, created_at FROM mention
          WHERE needs_reply IS DISTINCT FROM false ORDER BY task_id, created_at DESC, id DESC) m
    WHERE m.task_id = t.id;
UPDATE task SET sla_bucket = to_timestamp(floor(extract(epoch FROM sla_due_at) / 300) * 300) WHERE sla_bucket IS NULL;
ALTER TABLE task ALTER COLUMN sla_bucket SET NOT NULL;

-- Queue order: SLA bucket, then priority, then id.
DROP INDEX task_queue_idx;
DROP INDEX task_status_queue_idx;
DROP INDEX task_claimable_idx;
DROP INDEX task_team_queue_idx;
CREATE INDEX task_queue_idx ON task (sla_bucket ASC, priority_score DESC, id ASC);
CREATE INDEX task_status_queue_idx ON task (status, sla_bucket ASC, priority_score DESC, id ASC);
CREATE INDEX task_claimable_idx ON task (sla_bucket ASC, priority_score DESC, id ASC)
    WHERE status = 'open' AND needs_reply;
CREATE INDEX task_team_queue_idx ON task (team, sla_bucket ASC, priority_score DESC, id ASC);

-- Snoozed tasks get no SLA alerts (their clock is paused).
DROP INDEX task_sla_alert_idx;
CREATE INDEX task_sla_alert_idx ON task (sla_due_at)
    WHERE responded_at IS NULL AND status IN ('open', 'claimed') AND sla_breach_alerted_at IS NULL;
