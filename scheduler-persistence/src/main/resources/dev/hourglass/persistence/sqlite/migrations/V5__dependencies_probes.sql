-- Hourglass schema version 5: the dependency a job calls (its breaker is shared by every job of
-- it) and automatic probes of failed jobs.

-- As given, and its case-insensitive key.
ALTER TABLE jobs ADD COLUMN dependency TEXT;
ALTER TABLE jobs ADD COLUMN dependency_key TEXT;
-- The opt-in to probes, and the pending probe of a failed job: when, and how long it waited.
ALTER TABLE jobs ADD COLUMN probe_after_ms INTEGER;
ALTER TABLE jobs ADD COLUMN next_probe_at TEXT;
ALTER TABLE jobs ADD COLUMN probe_waited_ms INTEGER;

CREATE INDEX jobs_by_dependency ON jobs (dependency_key) WHERE dependency_key IS NOT NULL;
CREATE INDEX jobs_pending_probes ON jobs (next_probe_at) WHERE next_probe_at IS NOT NULL;

ALTER TABLE job_revisions ADD COLUMN dependency TEXT;
ALTER TABLE job_revisions ADD COLUMN probe_after_ms INTEGER;

-- Which runs were probes of a failed job.
ALTER TABLE runs ADD COLUMN probe INTEGER NOT NULL DEFAULT 0;
