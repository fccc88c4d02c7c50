-- What campaign.php tells of one record (src/engine/campaign/record-history.ts): its last call
-- (find_record's conn_id, date; detail's rows), how often it was recalled (detail's recall_count),
-- its agentbox recalls (edit_recall, delete_recall), and when it was codified from outside (detail
-- with detail=all). Each reads one record, or one campaign over a date range, by index.
CREATE INDEX calls_record ON calls (operation_id, campaign_id, customer_id, placed_at) WHERE campaign_id IS NOT NULL;
CREATE INDEX callbacks_record ON callbacks (operation_id, campaign_id, customer_id) WHERE campaign_id IS NOT NULL;
CREATE INDEX events_record_codified ON events (operation_id, campaign_id, at) WHERE type = 'record.codified';
