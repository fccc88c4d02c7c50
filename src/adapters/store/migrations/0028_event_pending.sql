-- The sequencer's horizon was its snapshot's xmin, and xmin is the whole server's: one transaction
-- left open anywhere (a dump, a console session, another database) held it back, and every pass
-- then probed each event since for a number. Now a pass moves the horizon to its snapshot's xmax
-- and keeps the transactions that snapshot saw in progress in `pending`: the events without a
-- number are those of transactions from the horizon on, and of the pending ones. None of the
-- others has one, so a pass no longer looks a number up for each event it reads, and the index
-- that lookup needed goes.
ALTER TABLE event_sequencer ADD COLUMN pending xid8[] NOT NULL DEFAULT '{}';

-- To start from that rule, everything the old sequencer had not numbered yet is numbered here, as
-- its pass would have, and the state is set from the same snapshot (one statement).
WITH found AS (
  SELECT e.id, e.operation_id FROM events e, event_sequencer s
  WHERE e.tx >= s.horizon AND NOT EXISTS (SELECT 1 FROM event_numbers x WHERE x.event_id = e.id)
), ready AS (
  SELECT id, operation_id, row_number() OVER (PARTITION BY operation_id ORDER BY id) AS n FROM found
), tops AS MATERIALIZED (
  -- Once per operation, before the insert (not once per row inserted: see events.ts).
  SELECT o.operation_id, coalesce((SELECT max(x.seq) FROM event_numbers x WHERE x.operation_id = o.operation_id), 0) AS top
  FROM (SELECT DISTINCT operation_id FROM ready) o
), numbered AS (
  INSERT INTO event_numbers (operation_id, seq, event_id)
  SELECT r.operation_id, t.top + r.n, r.id FROM ready r JOIN tops t ON t.operation_id = r.operation_id
  RETURNING 1
), moved AS (
  UPDATE event_sequencer SET horizon = pg_snapshot_xmax(pg_current_snapshot()),
    pending = ARRAY(SELECT pg_snapshot_xip(pg_current_snapshot()) ORDER BY 1)
  RETURNING 1
)
SELECT (SELECT count(*) FROM numbered), (SELECT count(*) FROM moved);

DROP INDEX event_numbers_event;
