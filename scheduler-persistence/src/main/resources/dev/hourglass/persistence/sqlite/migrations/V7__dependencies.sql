-- Hourglass schema version 7: the dependency breakers (CONTRACT §11.1), shared by every process on
-- the file: each dependency's state and the faults of its window, and which jobs it holds.

-- Set while the job's dependency holds it: it does not fire then.
ALTER TABLE jobs ADD COLUMN held_since TEXT;

CREATE INDEX jobs_held ON jobs (dependency_key) WHERE held_since IS NOT NULL;

-- One row per dependency whose breaker ever changed; a dependency without one is closed.
CREATE TABLE dependencies (
    dependency_key TEXT    PRIMARY KEY,      -- the lower-case name jobs share
    name           TEXT    NOT NULL,
    state          TEXT    NOT NULL,         -- closed, open, half_open
    opened_at      TEXT,
    open_until     TEXT,
    cause          TEXT,
    period_ms      INTEGER,
    probes         INTEGER NOT NULL DEFAULT 0,
    probe_job_id   TEXT,
    version        INTEGER NOT NULL,
    updated_at     TEXT
);

-- The dependency faults of the window while it is closed, in the order they happened.
CREATE TABLE dependency_faults (
    dependency_key TEXT    NOT NULL REFERENCES dependencies (dependency_key) ON DELETE CASCADE,
    seq            INTEGER NOT NULL,
    job_id         TEXT    NOT NULL,
    faulted_at     TEXT    NOT NULL,
    retry_after_ms INTEGER,
    PRIMARY KEY (dependency_key, seq)
);
