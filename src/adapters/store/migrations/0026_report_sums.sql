-- The agents' state changes summed per hour (agent_1, agent_8… over a month read a few hundred
-- thousand sums instead of millions of changes; src/adapters/store/agent-state-hours.ts).
--
-- Nothing here is counted as it happens: an hour's rows are computed from the agent.state events
-- of that hour, once the hour is closed (past by a margin that outlasts any transaction still
-- writing in it), and never touched again; the event log is append-only and its past does not
-- change, so a sum cannot disagree with the changes it was read from. Each row is one (agent,
-- state left, state entered) pair of one UTC hour: how many changes (n) and the sum of their
-- instants in milliseconds from the hour's start (at_sum).
CREATE TABLE agent_state_hours (
  operation_id   text NOT NULL REFERENCES operations ON DELETE CASCADE,
  hour           timestamptz NOT NULL,
  agent_id       text NOT NULL,
  left_state     text NOT NULL,
  entered_state  text NOT NULL,
  at_sum         bigint NOT NULL,
  n              integer NOT NULL,
  PRIMARY KEY (operation_id, hour, agent_id, left_state, entered_state)
);
-- Which hours are summed: the one window [lo, hi) of whole hours each operation has, grown at
-- either end (contiguously) by the report that needs more of it.
CREATE TABLE agent_state_rollup (
  operation_id  text PRIMARY KEY REFERENCES operations ON DELETE CASCADE,
  lo            timestamptz NOT NULL,
  hi            timestamptz NOT NULL
);

-- agent_1's hits and rpc: the calls given an activity code in a range (a small part of the calls),
-- with their agent and codes, without visiting the others.
CREATE INDEX calls_coded ON calls (operation_id, placed_at) INCLUDE (agent_id, cod_act, cod_act_2) WHERE cod_act IS NOT NULL OR cod_act_2 IS NOT NULL;

-- The agents' logins and logouts in a range (agent_1's login and logout, agent_7): a few a day per
-- agent among its hundreds of state changes, read from this index alone.
CREATE INDEX events_agent_login ON events (operation_id, at) INCLUDE (agent_id, id, data)
  WHERE type = 'agent.state' AND (data->>'from' = 'logout') <> (data->>'to' = 'logout');

-- The calls each agent talked on in a range (agent_1's calls, inbound, outbound): a third of the
-- calls of a predictive operation, read from this index alone rather than from every call placed.
CREATE INDEX calls_talked ON calls (operation_id, placed_at) INCLUDE (agent_id, origin) WHERE connected_at IS NOT NULL AND agent_id IS NOT NULL;
