-- Hourglass schema version 2: indexes for the engine's and the API's queries.

-- The due-jobs query and the next wake-up: only jobs that may fire, in fire order.
CREATE INDEX jobs_due ON jobs (next_run_at, id)
    WHERE status = 'active' AND enabled = 1 AND claim_run_id IS NULL AND next_run_at IS NOT NULL;

-- Runs under way (recovery after a crash).
CREATE INDEX jobs_claimed ON jobs (seq) WHERE claim_run_id IS NOT NULL;

-- No index for listing newest first: at most a few thousand jobs sort in memory in well under a
-- millisecond, and an index on created_at would cost every update of a job.

-- Per-job audit and run history, newest first; runs_by_job also serves the cascade on delete.
CREATE INDEX audit_entries_by_job ON audit_entries (job_id, seq);
CREATE INDEX runs_by_job ON runs (job_id, seq);
