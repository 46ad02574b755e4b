-- A reopen never rewrites a recorded first response (first_response_at, _by, _in_sla: the KPI credit of
-- whoever answered first). What a reopen restarts is the response clock, which now has its own column:
-- responded_at is when the current SLA clock (sla_started_at .. sla_due_at) was answered, null while the
-- task waits for an answer. first_response_seconds keeps the first response time (its clock may restart).
ALTER TABLE task
    ADD COLUMN responded_at           TIMESTAMPTZ,
    ADD COLUMN first_response_seconds DOUBLE PRECISION;
UPDATE task SET responded_at = first_response_at,
                first_response_seconds = extract(epoch FROM first_response_at - sla_started_at)
    WHERE first_response_at IS NOT NULL;

DROP INDEX task_sla_alert_idx;
CREATE INDEX task_sla_alert_idx ON task (sla_due_at)
    WHERE responded_at IS NULL AND status IN ('open', 'claimed', 'snoozed') AND sla_breach_alerted_at IS NULL;
