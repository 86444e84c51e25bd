-- Hourglass schema version 1: jobs, their audit trail and their run history.
-- Instants are ISO-8601 UTC text with milliseconds and Z (2026-03-01T10:00:00.123Z), so they sort as text.
-- Booleans are 0 or 1. Statuses, actions and schedule kinds are the lower-case names of the API.

CREATE TABLE jobs (
    seq                   INTEGER PRIMARY KEY,
    id                    TEXT    NOT NULL UNIQUE,
    name                  TEXT    NOT NULL,
    name_key              TEXT    NOT NULL,
    description           TEXT,
    enabled               INTEGER NOT NULL,
    schedule_kind         TEXT    NOT NULL,
    schedule_at           TEXT,
    schedule_interval_ms  INTEGER,
    schedule_expr         TEXT,
    schedule_tz           TEXT,
    task                  TEXT    NOT NULL,
    status                TEXT    NOT NULL,
    last_run_at           TEXT,
    last_run_status       TEXT,
    last_run_duration_ms  INTEGER,
    last_run_error        TEXT,
    next_run_at           TEXT,
    run_count             INTEGER NOT NULL,
    consecutive_errors    INTEGER NOT NULL,
    delete_after_run      INTEGER NOT NULL,
    created_at            TEXT    NOT NULL,
    updated_at            TEXT    NOT NULL,
    created_by            TEXT    NOT NULL,
    version               INTEGER NOT NULL,
    claim_run_id          TEXT,
    claim_planned_at      TEXT,
    claimed_at            TEXT,
    claim_version         INTEGER
);

-- Names are unique case-insensitively; the key is computed by the domain, not by SQLite's ASCII lower().
CREATE UNIQUE INDEX jobs_name_key ON jobs (name_key);

-- No foreign key to jobs: the audit trail outlives its job.
CREATE TABLE audit_entries (
    seq              INTEGER PRIMARY KEY,
    id               TEXT    NOT NULL,
    job_id           TEXT    NOT NULL,
    job_name         TEXT    NOT NULL,
    action           TEXT    NOT NULL,
    previous_status  TEXT,
    new_status       TEXT,
    actor            TEXT    NOT NULL,
    detail           TEXT,
    created_at       TEXT    NOT NULL
);

-- One run id can appear twice (interrupted, then finished after a restart): seq is the key.
CREATE TABLE runs (
    seq          INTEGER PRIMARY KEY,
    run_id       TEXT    NOT NULL,
    job_id       TEXT    NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    planned_at   TEXT,
    started_at   TEXT    NOT NULL,
    duration_ms  INTEGER NOT NULL,
    status       TEXT    NOT NULL,
    error        TEXT,
    output       TEXT
);
