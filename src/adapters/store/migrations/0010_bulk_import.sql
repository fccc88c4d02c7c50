-- Records lose their foreign key to campaigns: its check ran once per inserted row (a quarter of
-- a bulk insert's time). The integrity it gave is kept by the use cases: a record load holds the
-- campaign row with KEY SHARE (CampaignRepo.share), and deleting a campaign locks it FOR UPDATE
-- (waiting for loads in flight) and then deletes its records itself. Operations are never deleted
-- by Pacer; deleting one by hand must delete its records too (they no longer cascade from it).
ALTER TABLE records DROP CONSTRAINT records_operation_id_campaign_id_fkey;
