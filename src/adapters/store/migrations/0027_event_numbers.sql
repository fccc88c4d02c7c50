-- Events are numbered without rewriting them. Since 0004 the sequencer numbered an event by an
-- UPDATE of its row: a new copy of the row, its data and all, and new entries in every index of
-- events (two of them carry data for the reports). Once anyone read the log, that nearly doubled
-- the WAL each commit writes (BENCHMARKS.md, "numbering the log doubles PostgreSQL's WAL").
--
-- A number is now a narrow row of its own, (operation_id, seq) → event id, and the events are
-- never written again. The sequencer finds the events it has not numbered by the transaction that
-- inserted them: each event carries that transaction's id (tx), and the sequencer keeps a horizon
-- below which every committed event has its number. A pass numbers the events of transactions
-- from the horizon on that have no number yet, then moves the horizon to its snapshot's xmin:
-- every transaction before that has ended, committed and seen by the pass, or rolled back.
CREATE TABLE event_numbers (
  operation_id  text NOT NULL REFERENCES operations ON DELETE CASCADE,
  seq           bigint NOT NULL,
  event_id      bigint NOT NULL,
  PRIMARY KEY (operation_id, seq)
);
CREATE UNIQUE INDEX event_numbers_event ON event_numbers (event_id);
INSERT INTO event_numbers (operation_id, seq, event_id) SELECT operation_id, seq, id FROM events WHERE seq IS NOT NULL;

-- The events numbered before have no tx: nothing needs to find them again. Those not numbered yet
-- get this migration's transaction, which the new sequencer's first pass reads.
ALTER TABLE events ADD COLUMN tx xid8;
UPDATE events SET tx = pg_current_xact_id() WHERE seq IS NULL;
ALTER TABLE events ALTER COLUMN tx SET DEFAULT pg_current_xact_id();
CREATE INDEX events_tx ON events (tx) WHERE tx IS NOT NULL;

DROP INDEX events_seq;
DROP INDEX events_unsequenced;
ALTER TABLE events DROP COLUMN seq;

-- Each operation's last number is the top of its key in event_numbers. Kept in the operation's
-- row, it made every pass update a row that every transaction of the operation locks (the foreign
-- keys to it): a new multixact and a longer update chain for each of them.
ALTER TABLE operations DROP COLUMN event_seq;

CREATE TABLE event_sequencer (
  only_row  boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  horizon   xid8 NOT NULL
);
INSERT INTO event_sequencer (horizon) VALUES ('0');
