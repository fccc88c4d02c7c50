-- A campaign's live figures (GET /v1/campaigns/{id}/stats) and the dialer's announcements of why
-- a campaign is not dialling (the campaign.dialling event).

-- Agent utilisation is read from the agents' state changes of the day: this index finds them by
-- time without reading the operation's other events. Only agent.state events pay for an entry.
CREATE INDEX events_agent_state ON events (operation_id, at) WHERE type = 'agent.state';

-- The reasons the last campaign.dialling event of a started campaign gave (their names, comma-separated;
-- '' when it was dialling). NULL: none announced since it was last started or stopped, so the next
-- pacing decision announces what it finds. Written under the campaign's pacing lock, so several
-- processes announce a change once.
ALTER TABLE campaigns ADD COLUMN not_dialling_announced text;
