-- Hourglass on PostgreSQL, schema version 3: what SQLite's version 5 adds, in PostgreSQL's types.
-- The dependency a job calls (its breaker is shared by every job of it) and automatic probes of
-- failed jobs.

ALTER TABLE jobs
    -- as given, and its case-insensitive key
    ADD COLUMN dependency       text,
    ADD COLUMN dependency_key   text,
    -- the opt-in to probes, and the pending probe of a failed job: when, and how long it waited
    ADD COLUMN probe_after_ms   bigint,
    ADD COLUMN next_probe_at    timestamptz(3),
    ADD COLUMN probe_waited_ms  bigint;

CREATE INDEX jobs_by_dependency ON jobs (dependency_key) WHERE dependency_key IS NOT NULL;
CREATE INDEX jobs_pending_probes ON jobs (next_probe_at, id) WHERE next_probe_at IS NOT NULL;

ALTER TABLE job_revisions
    ADD COLUMN dependency      text,
    ADD COLUMN probe_after_ms  bigint;

-- Which runs were probes of a failed job.
ALTER TABLE runs ADD COLUMN probe boolean NOT NULL DEFAULT false;
