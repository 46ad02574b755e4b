-- The Unassigned tab (assignee=none, the work nobody has taken) in queue order. With only task_queue_idx its scan
-- walked past every claimed task at the front of the queue, which is where a busy team's claims are: with 100,000
-- tasks after the load benchmark's claim-next run, 1,093 rows filtered away for a page of 50 (18-37 ms, the inbox's
-- Unassigned page p99 90.6 ms); with this partial index the scan starts at the first unassigned task (49 rows
-- filtered, 5 ms on the same loaded machine). New tasks are unassigned, so ingestion updates one more index.
CREATE INDEX task_unassigned_queue_idx ON task (sla_bucket ASC, priority_score DESC, id ASC) WHERE assignee IS NULL;
