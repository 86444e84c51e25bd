-- Hourglass on PostgreSQL, schema version 1: the same tables as SQLite's versions 1-3, in
-- PostgreSQL's types: instants are timestamptz at millisecond precision, flags are boolean.
-- Applied by Flyway under its lock, so that instances starting together never race.

CREATE TABLE jobs (
    seq                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id                    text        NOT NULL UNIQUE,
    name                  text        NOT NULL,
    name_key              text        NOT NULL,
    description           text,
    enabled               boolean     NOT NULL,
    schedule_kind         text        NOT NULL,
    schedule_at           timestamptz(3),
    schedule_interval_ms  bigint,
    schedule_expr         text,
    schedule_tz           text,
    task                  text        NOT NULL,
    status                text        NOT NULL,
    last_run_at           timestamptz(3),
    last_run_status       text,
    last_run_duration_ms  bigint,
    last_run_error        text,
    next_run_at           timestamptz(3),
    run_count             bigint      NOT NULL,
    consecutive_errors    integer     NOT NULL,
    delete_after_run      boolean     NOT NULL,
    created_at            timestamptz(3) NOT NULL,
    updated_at            timestamptz(3) NOT NULL,
    created_by            text        NOT NULL,
    version               bigint      NOT NULL,
    claim_run_id          text,
    claim_planned_at      timestamptz(3),
    claimed_at            timestamptz(3),
    claim_version         bigint,
    -- the instance running the claim, and the fencing epoch that grows at every takeover
    claim_owner           text,
    claim_epoch           bigint
);

-- Names are unique case-insensitively; the key is computed by the domain.
CREATE UNIQUE INDEX jobs_name_key ON jobs (name_key);

-- The claim query and the next wake-up: only jobs that may fire, in fire order.
CREATE INDEX jobs_due ON jobs (next_run_at, id)
    WHERE status = 'active' AND enabled AND claim_run_id IS NULL AND next_run_at IS NOT NULL;

-- Runs under way (takeover).
CREATE INDEX jobs_claimed ON jobs (seq) WHERE claim_run_id IS NOT NULL;

-- No foreign key to jobs: the audit trail outlives its job.
CREATE TABLE audit_entries (
    seq              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id               text        NOT NULL,
    job_id           text        NOT NULL,
    job_name         text        NOT NULL,
    action           text        NOT NULL,
    previous_status  text,
    new_status       text,
    actor            text        NOT NULL,
    detail           text,
    created_at       timestamptz(3) NOT NULL
);
CREATE INDEX audit_entries_by_job ON audit_entries (job_id, seq);
CREATE INDEX audit_entries_by_time ON audit_entries (created_at);

-- One run id can appear twice (interrupted, then finished after a takeover): seq is the key.
CREATE TABLE runs (
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id       text        NOT NULL,
    job_id       text        NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    planned_at   timestamptz(3),
    started_at   timestamptz(3) NOT NULL,
    duration_ms  bigint      NOT NULL,
    status       text        NOT NULL,
    error        text,
    output       text,
    instance_id  text
);
CREATE INDEX runs_by_job ON runs (job_id, seq);

-- Every instance that used the store in the last day. Its times come from the database's clock.
CREATE TABLE instances (
    id            text PRIMARY KEY,
    name          text        NOT NULL,
    started_at    timestamptz(3) NOT NULL,
    heartbeat_at  timestamptz(3) NOT NULL,
    stopped_at    timestamptz(3)
);

-- The outbox: alerts written with the change that raised them, deleted once delivered.
CREATE TABLE alerts (
    seq              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id               text        NOT NULL UNIQUE,
    kind             text        NOT NULL,
    subject_id       text        NOT NULL,
    subject_name     text        NOT NULL,
    count            integer     NOT NULL,
    detail           text,
    created_at       timestamptz(3) NOT NULL,
    next_attempt_at  timestamptz(3) NOT NULL,
    attempts         integer     NOT NULL DEFAULT 0,
    last_error       text
);
CREATE INDEX alerts_due ON alerts (next_attempt_at);
