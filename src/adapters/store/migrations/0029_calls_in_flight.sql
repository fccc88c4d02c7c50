-- The dialer's reads of a campaign's calls (src/adapters/store/dialing.ts): every pacing decision
-- reads the calls in flight (placed, not yet connected to an agent nor ended), and the calls that
-- wait for an agent, oldest answer first. 0003's calls_campaign_live held every call not ended,
-- the connected ones too, and the waiting few were found by reading all of them.
DROP INDEX calls_campaign_live;
CREATE INDEX calls_in_flight ON calls (operation_id, campaign_id) WHERE state IN ('dialing', 'ringing', 'waiting') AND campaign_id IS NOT NULL;
CREATE INDEX calls_waiting ON calls (operation_id, campaign_id, answered_at) WHERE state = 'waiting' AND campaign_id IS NOT NULL;
