-- Hourglass on PostgreSQL, schema version 4: what SQLite's version 6 adds. List pages newest first
-- without sorting every job; created_at never changes after the insert.
CREATE INDEX jobs_newest_first ON jobs (created_at, seq);
