-- The native API lists an operation's callbacks by due time (GET /v1/callbacks, keyset on
-- due_at, id), every status included; the partial indexes of 0001 and 0003 hold only open ones.
CREATE INDEX callbacks_operation_due ON callbacks (operation_id, due_at, id);
