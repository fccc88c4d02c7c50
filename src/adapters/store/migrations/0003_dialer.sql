-- The dialer and the callback scheduler: indexes for their hot queries, and the owner of each
-- live call so that a restarted process ends only the calls of processes that are gone.

-- Agent-owned callbacks the scheduler claims (pending) or dispatches (waiting), by due time.
CREATE INDEX callbacks_agent_due ON callbacks (due_at) WHERE agent_id IS NOT NULL AND status IN ('pending', 'waiting');
-- Campaign recalls (no agent): the dialer takes the due ones of a campaign before fresh records.
CREATE INDEX callbacks_campaign_due ON callbacks (operation_id, campaign_id, due_at)
  WHERE agent_id IS NULL AND campaign_id IS NOT NULL AND status = 'pending';

-- The dialer's tick lists started campaigns; the table is small, the partial index keeps it cheap.
CREATE INDEX campaigns_started ON campaigns (operation_id, id) WHERE status = 'started';

-- The pacing snapshot: calls of a campaign still in flight.
CREATE INDEX calls_campaign_live ON calls (operation_id, campaign_id) WHERE state <> 'ended' AND campaign_id IS NOT NULL;

-- Agents of a campaign with a skill.
CREATE INDEX agent_skills_skill ON agent_skills (operation_id, skill_id, agent_id);

-- Restart recovery: agents left in after-call work.
CREATE INDEX agents_acw ON agents (operation_id) WHERE state = 'acw';

-- Which process placed a live call, and which processes are alive (heartbeat on their clock).
ALTER TABLE calls ADD COLUMN process_id text;
CREATE TABLE pacer_processes (
  id            text PRIMARY KEY,
  started_at    timestamptz NOT NULL,
  heartbeat_at  timestamptz NOT NULL
);

-- Recovery puts back the callback whose call a dead process lost.
CREATE INDEX callbacks_call ON callbacks (call_id) WHERE call_id IS NOT NULL;

-- Record selection skips records whose campaign recall is still open.
CREATE INDEX callbacks_campaign_record ON callbacks (operation_id, campaign_id, customer_id)
  WHERE agent_id IS NULL AND status = 'pending';
