-- Hourglass on PostgreSQL, schema version 2: what SQLite's version 4 adds, in PostgreSQL's types.
-- Edits in place (a revision per job and the definitions it had), pauses that end by themselves,
-- and the staleness watch.

-- Revision 1 is the job as created; each accepted edit adds one.
ALTER TABLE jobs
    ADD COLUMN revision                  bigint NOT NULL DEFAULT 1,
    -- set only while a paused job waits to resume by itself
    ADD COLUMN paused_until              timestamptz(3),
    -- the staleness watch: the window, the start of the last successful run, and the open episode
    ADD COLUMN expect_success_within_ms  bigint,
    ADD COLUMN last_success_at           timestamptz(3),
    ADD COLUMN stale_since               timestamptz(3);

UPDATE jobs SET last_success_at = last_run_at WHERE last_run_status = 'ok';

-- The engine's timed pauses, earliest end first.
CREATE INDEX jobs_timed_pauses ON jobs (paused_until, id) WHERE paused_until IS NOT NULL;

-- Every definition a job had, deleted with the job.
CREATE TABLE job_revisions (
    seq                       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id                    text        NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    revision                  bigint      NOT NULL,
    changed_at                timestamptz(3) NOT NULL,
    changed_by                text        NOT NULL,
    name                      text        NOT NULL,
    description               text,
    enabled                   boolean     NOT NULL,
    schedule_kind             text        NOT NULL,
    schedule_at               timestamptz(3),
    schedule_interval_ms      bigint,
    schedule_expr             text,
    schedule_tz               text,
    task                      text        NOT NULL,
    delete_after_run          boolean     NOT NULL,
    expect_success_within_ms  bigint
);
CREATE INDEX job_revisions_by_job ON job_revisions (job_id, seq);

-- Jobs stored before this version start their history with the definition they have.
INSERT INTO job_revisions (job_id, revision, changed_at, changed_by, name, description, enabled, schedule_kind,
        schedule_at, schedule_interval_ms, schedule_expr, schedule_tz, task, delete_after_run)
    SELECT id, 1, created_at, created_by, name, description, enabled, schedule_kind, schedule_at,
        schedule_interval_ms, schedule_expr, schedule_tz, task, delete_after_run FROM jobs ORDER BY seq;
