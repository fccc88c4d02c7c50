-- The SIP dialogs Pacer holds (customer legs and agents' standing sessions), written when each is
-- made and deleted when it ends: the process that takes over after a crash reads what the dead
-- one held and hangs each up (no call left billing at the carrier) before the agents' sessions
-- are opened again. `state` is what a BYE needs: Call-ID, tags, remote target, route set, CSeq.
CREATE TABLE sip_dialogs (
  id            text PRIMARY KEY,
  process_id    text NOT NULL,
  operation_id  text NOT NULL,
  -- A customer leg: its call (conn_id); an agent's standing session: its agent.
  call_id       text,
  agent_id      text,
  state         jsonb NOT NULL,
  created_at    timestamptz NOT NULL,
  CHECK ((call_id IS NULL) <> (agent_id IS NULL))
);
CREATE INDEX sip_dialogs_process ON sip_dialogs (process_id);
CREATE INDEX sip_dialogs_call ON sip_dialogs (call_id) WHERE call_id IS NOT NULL;
