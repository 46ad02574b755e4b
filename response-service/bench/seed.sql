-- Seeds :tasks tasks (one post each) into the benchmark database, spread like a busy queue:
-- mostly open, every tier and team, created over the last three days, SLA due from creation.
\set ON_ERROR_STOP on
TRUNCATE mention, task, task_event, task_note, task_viewer, saved_reply, idempotency_key,
         webhook_outbox, webhook_delivery, webhook_attempt CASCADE;

INSERT INTO task (conversation_id, source, title, permalink, status, priority_score, tier, priority_reasons,
                  sentiment_label, negative_count, positive_count, mention_count, first_mention_at,
                  last_mention_at, created_at, updated_at, sla_started_at, sla_due_at, version, team,
                  routing_reason, needs_reply, intents, matched_rules, author_id, author_handle, assignee,
                  claimed_at, snoozed_until, resolved_at, first_response_at, first_response_by,
                  first_response_in_sla, search_text)
SELECT 'bench:example.org:' || g,
       s.source,
       'Bench thread ' || g,
       'https://example.org/item/' || g,
       st.status,
       p.score,
       p.tier,
       ARRAY['bench reason'],
       CASE WHEN p.score > 40 THEN 'negative' WHEN g % 3 = 0 THEN 'positive' ELSE 'neutral' END,
       CASE WHEN p.score > 40 THEN 1 ELSE 0 END,
       CASE WHEN p.score <= 40 AND g % 3 = 0 THEN 1 ELSE 0 END,
       1, c.created, c.created, c.created, c.created, c.created,
       c.created + CASE p.tier WHEN 'P1' THEN interval '1 hour' WHEN 'P2' THEN interval '4 hours'
                               WHEN 'P3' THEN interval '24 hours' ELSE interval '72 hours' END,
       1,
       (ARRAY['support', 'product', 'sales', 'legal', 'communications'])[1 + g % 5],
       'rule bench',
       g % 20 <> 0,
       ARRAY[(ARRAY['outage', 'billing', 'question', 'complaint', 'praise', 'churn-risk'])[1 + g % 6]],
       ARRAY['acme'],
       'user' || (g % 5000),
       'user' || (g % 5000),
       CASE WHEN st.status IN ('claimed', 'resolved') THEN 'agent' || (g % 12) || '@acme.example' END,
       CASE WHEN st.status IN ('claimed', 'resolved') THEN c.created + interval '5 minutes' END,
       CASE WHEN st.status = 'snoozed' THEN now() + interval '1 day' END,
       CASE WHEN st.status = 'resolved' THEN c.created + interval '30 minutes' END,
       CASE WHEN st.status = 'resolved' THEN c.created + interval '30 minutes' END,
       CASE WHEN st.status = 'resolved' THEN 'agent' || (g % 12) || '@acme.example' END,
       CASE WHEN st.status = 'resolved' THEN g % 4 <> 0 END,
       'bench thread ' || g || E'\nacme is ' || (ARRAY['down', 'slow', 'great', 'billing me twice'])[1 + g % 4]
FROM generate_series(1, :tasks) AS g
CROSS JOIN LATERAL (SELECT round((random() * 100)::numeric, 1)::float8 + 0 * g AS score) AS r
CROSS JOIN LATERAL (SELECT r.score,
                           CASE WHEN r.score >= 60 THEN 'P1' WHEN r.score >= 40 THEN 'P2'
                                WHEN r.score >= 20 THEN 'P3' ELSE 'P4' END AS tier) AS p
CROSS JOIN LATERAL (SELECT date_trunc('milliseconds', now() - random() * interval '3 days' + 0 * g * interval '1 second') AS created) AS c
CROSS JOIN LATERAL (SELECT CASE WHEN g % 100 < 85 THEN 'open' WHEN g % 100 < 90 THEN 'claimed'
                                WHEN g % 100 < 92 THEN 'snoozed' WHEN g % 100 < 98 THEN 'resolved'
                                ELSE 'dismissed' END AS status) AS st
CROSS JOIN LATERAL (SELECT (ARRAY['hackernews', 'hackernews', 'mastodon', 'reddit'])[1 + g % 4] AS source) AS s;

INSERT INTO mention (id, task_id, conversation_id, source, permalink, author_id, author_handle,
                     author_display_name, text, title, created_at, sentiment_label, sentiment_score,
                     urgency_score, urgency_level, urgency_reasons, intents, language, model_version,
                     received_at, links, matched_rules)
SELECT t.conversation_id, t.id, t.conversation_id, t.source, t.permalink, t.author_id, t.author_handle,
       t.author_handle, 'Acme bench post ' || t.id, t.title, t.created_at, t.sentiment_label,
       CASE t.sentiment_label WHEN 'negative' THEN -0.6 WHEN 'positive' THEN 0.6 ELSE 0 END,
       t.priority_score / 100, 'medium', ARRAY['bench reason'], t.intents, 'en', 'bench', t.created_at,
       '{}', ARRAY['acme']
FROM task t;

-- A queue in steady state has had its SLA alerts sent as its tasks crossed the thresholds; without this the
-- service would spend the run sending about 40,000 overdue "breached" alerts into the outbox.
UPDATE task SET sla_warned_at = LEAST(now(), sla_due_at), sla_breach_alerted_at = sla_due_at
WHERE sla_due_at <= now();

ANALYZE task;
ANALYZE mention;
SELECT status, count(*) FROM task GROUP BY status ORDER BY status;
