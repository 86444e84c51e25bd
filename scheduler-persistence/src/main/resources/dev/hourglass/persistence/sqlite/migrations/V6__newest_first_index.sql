-- Hourglass schema version 6: list pages newest first without sorting every job. created_at never
-- changes after the insert, so the index costs only inserts and deletes, never a job's updates.
CREATE INDEX jobs_newest_first ON jobs (created_at, seq);
