-- Hourglass on PostgreSQL, schema version 5: incidents, failures that share a cause (CONTRACT
-- §11.3), as SQLite's version 8 has them.

-- The error signature each job counts under: an active or failed job whose last run failed. Kept
-- by every write that changes the job, in its transaction; gone with the job.
CREATE TABLE incident_members (
    job_id     text NOT NULL PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    signature  text NOT NULL
);
CREATE INDEX incident_members_by_signature ON incident_members (signature);

CREATE TABLE incidents (
    id             text           NOT NULL PRIMARY KEY,
    signature      text           NOT NULL,
    example        text           NOT NULL,
    is_open        boolean        NOT NULL,
    first_seen_at  timestamptz(3) NOT NULL,
    last_seen_at   timestamptz(3) NOT NULL,
    resolved_at    timestamptz(3)
);
-- At most one open incident per signature: the last guard against opening one twice (the
-- transactions that change a signature's jobs are ordered by an advisory lock on it first).
CREATE UNIQUE INDEX incidents_one_open_per_signature ON incidents (signature) WHERE is_open;
CREATE INDEX incidents_resolved ON incidents (resolved_at) WHERE NOT is_open;
