-- Reports over a range of up to 31 days (reports_manager.php, customer.php, real_time.php and
-- /v1/reports; src/adapters/store/reports-*.ts), read from the history the engine keeps.
--
-- The agents' state changes in a range are read from this index alone (an index-only scan once
-- autovacuum has marked the pages visible): a month of a busy operation is millions of changes
-- among many more events, and reading them from the table would visit most of its pages. It
-- replaces 0019's index of the same name (same key; the campaigns' live figures read it too).
DROP INDEX events_agent_state;
CREATE INDEX events_agent_state ON events (operation_id, at) INCLUDE (agent_id, id, call_id, data) WHERE type = 'agent.state';
-- The state each agent was in when a range starts is the `to` of its last agent.state event before
-- it: one step down this index per agent, however long ago that change was.
CREATE INDEX events_agent_state_by_agent ON events (operation_id, agent_id, at) WHERE type = 'agent.state';
-- The calls of an operation placed in a range (cdr_1, cdr_5, calls_last_10, campaign_3), whatever
-- their agent or campaign; the agents' call counts and the reports' row counts from the index alone.
CREATE INDEX calls_placed ON calls (operation_id, placed_at) INCLUDE (agent_id, origin, connected_at);
-- Who ended a call (cdr_1's hang_up): the `by` of its call.ended event.
CREATE INDEX events_call_ended ON events (call_id) WHERE type = 'call.ended';
