-- Fair webhook delivery between operations. Fan-out takes the subscriptions that have new events,
-- least recently fanned out first (`fanned_at`), so no number of busy subscriptions keeps another
-- waiting; deliveries are claimed a few per subscription, read through the index below.
ALTER TABLE webhooks ADD COLUMN fanned_at timestamptz;
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (webhook_id, next_attempt_at, id) WHERE status = 'pending';
