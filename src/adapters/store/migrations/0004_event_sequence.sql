-- The event log, ordered for readers: a sequencer gives each committed event `seq`, a gapless
-- number per operation, in the order it finds them. Numbers are given only to committed rows and
-- always grow, so an event that commits late gets a later number, and a reader that resumes
-- after seq N never misses it.
ALTER TABLE events ADD COLUMN seq bigint;
CREATE UNIQUE INDEX events_seq ON events (operation_id, seq) WHERE seq IS NOT NULL;
CREATE INDEX events_unsequenced ON events (id) WHERE seq IS NULL;
ALTER TABLE operations ADD COLUMN event_seq bigint NOT NULL DEFAULT 0;
ALTER TABLE events ADD FOREIGN KEY (operation_id) REFERENCES operations ON DELETE CASCADE;
