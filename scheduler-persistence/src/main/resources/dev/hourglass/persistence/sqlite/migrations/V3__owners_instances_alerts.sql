-- Hourglass schema version 3: claims that know their owner, the instances sharing the store, the
-- alert outbox, and grids for interval schedules.

-- A claim records the instance running it and a fencing epoch that grows at every takeover.
-- Claims from before this version have no owner: no live instance holds them, so they are taken over.
ALTER TABLE jobs ADD COLUMN claim_owner TEXT;
ALTER TABLE jobs ADD COLUMN claim_epoch INTEGER;

-- Which instance ran each run.
ALTER TABLE runs ADD COLUMN instance_id TEXT;

-- An interval schedule's grid is anchored at the job's creation, kept in the instant column.
UPDATE jobs SET schedule_at = created_at WHERE schedule_kind = 'every' AND schedule_at IS NULL;

-- Every instance that used the store in the last day; ages are compared as ISO-8601 UTC text.
CREATE TABLE instances (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    started_at    TEXT NOT NULL,
    heartbeat_at  TEXT NOT NULL,
    stopped_at    TEXT
);

-- The outbox: alerts written with the change that raised them, deleted once delivered.
CREATE TABLE alerts (
    seq              INTEGER PRIMARY KEY,
    id               TEXT    NOT NULL UNIQUE,
    kind             TEXT    NOT NULL,
    subject_id       TEXT    NOT NULL,
    subject_name     TEXT    NOT NULL,
    count            INTEGER NOT NULL,
    detail           TEXT,
    created_at       TEXT    NOT NULL,
    next_attempt_at  TEXT    NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT
);
CREATE INDEX alerts_due ON alerts (next_attempt_at);

-- Audit retention deletes by age.
CREATE INDEX audit_entries_by_time ON audit_entries (created_at);
