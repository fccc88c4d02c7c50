-- Nothing reads events by (operation_id, id) since 0004: readers go by seq (events_seq), the
-- sequencer by events_unsequenced. The index cost every event two index entries (at its insert
-- and when the sequencer numbers it). An operation deleted by hand still cascades to its events,
-- with a scan of the table.
DROP INDEX events_operation;
