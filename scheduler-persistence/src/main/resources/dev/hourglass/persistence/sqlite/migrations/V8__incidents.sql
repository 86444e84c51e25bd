-- Hourglass schema version 8: incidents, failures that share a cause (CONTRACT §11.3).

-- The error signature each job counts under: an active or failed job whose last run failed. Kept
-- by every write that changes the job, in its transaction; gone with the job.
CREATE TABLE incident_members (
    job_id     TEXT NOT NULL PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    signature  TEXT NOT NULL
);
CREATE INDEX incident_members_by_signature ON incident_members (signature);

CREATE TABLE incidents (
    id             TEXT    NOT NULL PRIMARY KEY,
    signature      TEXT    NOT NULL,
    example        TEXT    NOT NULL,
    is_open        INTEGER NOT NULL,
    first_seen_at  TEXT    NOT NULL,
    last_seen_at   TEXT    NOT NULL,
    resolved_at    TEXT
);
-- At most one open incident per signature: the last guard against opening one twice.
CREATE UNIQUE INDEX incidents_one_open_per_signature ON incidents (signature) WHERE is_open = 1;
CREATE INDEX incidents_resolved ON incidents (resolved_at) WHERE is_open = 0;
