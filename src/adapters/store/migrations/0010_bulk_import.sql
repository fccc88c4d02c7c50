-- Bulk imports: every record inserted also enters the GIN index on phones, which roughly doubles
-- the cost of a large load. A larger pending list (32 MB instead of 4 MB) lets inserts append to it
-- and merges it into the index in big batches (on overflow and by autovacuum); a phone search reads
-- the pending list as well, so results stay exact.
ALTER INDEX records_phone SET (gin_pending_list_limit = 32768);

-- Records lose their foreign key to campaigns: its check ran once per inserted row (a quarter of
-- a bulk insert's time). The integrity it gave is kept by the use cases: a record load holds the
-- campaign row with KEY SHARE (CampaignRepo.share), and deleting a campaign locks it FOR UPDATE
-- (waiting for loads in flight) and then deletes its records itself.
ALTER TABLE records DROP CONSTRAINT records_operation_id_campaign_id_fkey;
