-- The event log, ordered for readers: every event carries the id of the transaction that wrote
-- it, and a sequencer gives it `seq`, a gapless number per operation, once no transaction that
-- could still write an earlier event is running. A reader that resumes after seq N therefore
-- never misses an event that committed late.
ALTER TABLE events ADD COLUMN txid xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE events ADD COLUMN seq bigint;
CREATE UNIQUE INDEX events_seq ON events (operation_id, seq) WHERE seq IS NOT NULL;
CREATE INDEX events_unsequenced ON events (txid, id) WHERE seq IS NULL;
ALTER TABLE operations ADD COLUMN event_seq bigint NOT NULL DEFAULT 0;
ALTER TABLE events ADD FOREIGN KEY (operation_id) REFERENCES operations ON DELETE CASCADE;
