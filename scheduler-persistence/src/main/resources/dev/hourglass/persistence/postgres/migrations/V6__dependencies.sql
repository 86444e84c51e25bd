-- Hourglass on PostgreSQL, schema version 6: the dependency breakers (CONTRACT §11.1), shared by
-- every instance of the cluster: each dependency's state and the faults of its window, and which
-- jobs it holds. What SQLite's dependency script adds, in PostgreSQL's types.

-- Set while the job's dependency holds it: it does not fire then.
ALTER TABLE jobs ADD COLUMN held_since timestamptz(3);

CREATE INDEX jobs_held ON jobs (dependency_key) WHERE held_since IS NOT NULL;

-- One row per dependency whose breaker ever changed; a dependency without one is closed.
CREATE TABLE dependencies (
    dependency_key text           PRIMARY KEY,      -- the lower-case name jobs share
    name           text           NOT NULL,
    state          text           NOT NULL,         -- closed, open, half_open
    opened_at      timestamptz(3),
    open_until     timestamptz(3),
    cause          text,
    period_ms      bigint,
    probes         integer        NOT NULL DEFAULT 0,
    probe_job_id   text,
    version        bigint         NOT NULL,
    updated_at     timestamptz(3)
);

-- The dependency faults of the window while it is closed, in the order they happened.
CREATE TABLE dependency_faults (
    dependency_key text           NOT NULL REFERENCES dependencies (dependency_key) ON DELETE CASCADE,
    seq            integer        NOT NULL,
    job_id         text           NOT NULL,
    faulted_at     timestamptz(3) NOT NULL,
    retry_after_ms bigint,
    PRIMARY KEY (dependency_key, seq)
);
