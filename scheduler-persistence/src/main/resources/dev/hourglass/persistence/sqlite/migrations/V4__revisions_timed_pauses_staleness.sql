-- Hourglass schema version 4: edits in place (a revision per job and the definitions it had),
-- pauses that end by themselves, and the staleness watch.

-- Revision 1 is the job as created; each accepted edit adds one.
ALTER TABLE jobs ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
-- Set only while a paused job waits to resume by itself.
ALTER TABLE jobs ADD COLUMN paused_until TEXT;
-- The staleness watch: the window, the start of the last successful run, and the open episode.
ALTER TABLE jobs ADD COLUMN expect_success_within_ms INTEGER;
ALTER TABLE jobs ADD COLUMN last_success_at TEXT;
ALTER TABLE jobs ADD COLUMN stale_since TEXT;

UPDATE jobs SET last_success_at = last_run_at WHERE last_run_status = 'ok';

-- The engine's timed pauses, earliest end first.
CREATE INDEX jobs_timed_pauses ON jobs (paused_until) WHERE paused_until IS NOT NULL;

-- Every definition a job had, deleted with the job.
CREATE TABLE job_revisions (
    seq                       INTEGER PRIMARY KEY,
    job_id                    TEXT    NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    revision                  INTEGER NOT NULL,
    changed_at                TEXT    NOT NULL,
    changed_by                TEXT    NOT NULL,
    name                      TEXT    NOT NULL,
    description               TEXT,
    enabled                   INTEGER NOT NULL,
    schedule_kind             TEXT    NOT NULL,
    schedule_at               TEXT,
    schedule_interval_ms      INTEGER,
    schedule_expr             TEXT,
    schedule_tz               TEXT,
    task                      TEXT    NOT NULL,
    delete_after_run          INTEGER NOT NULL,
    expect_success_within_ms  INTEGER
);
CREATE INDEX job_revisions_by_job ON job_revisions (job_id, seq);

-- Jobs stored before this version start their history with the definition they have.
INSERT INTO job_revisions (job_id, revision, changed_at, changed_by, name, description, enabled, schedule_kind,
        schedule_at, schedule_interval_ms, schedule_expr, schedule_tz, task, delete_after_run)
    SELECT id, 1, created_at, created_by, name, description, enabled, schedule_kind, schedule_at,
        schedule_interval_ms, schedule_expr, schedule_tz, task, delete_after_run FROM jobs ORDER BY seq;
