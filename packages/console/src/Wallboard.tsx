// The wallboard: every agent with its state and time in state, its call now (phone, call time)
// and that call's campaign, and the count of agents in each state at the top. Live: any agent or
// call event makes it read the agents and the live calls again (GET /v1/calls?live=true), gathered
// so that a burst reads once.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { agentStates, type Agent, type AgentState, type Call } from '@pacer/client';
import { useLiveRefresh } from './live.ts';
import { useNow } from './now.ts';
import { readAll } from './pages.tsx';
import type { PageProps } from './Supervisor.tsx';
import { formatDuration, sinceOf, type Seen } from './time.ts';

const liveTypes = ['agent.', 'call.'];

export function Wallboard({ client, t, onEnded }: PageProps) {
  const [agents, setAgents] = useState<Agent[] | undefined>(undefined);
  const [calls, setCalls] = useState(new Map<string, Call>());
  const [auxNames, setAuxNames] = useState(new Map<number, string>());
  const [campaignNames, setCampaignNames] = useState(new Map<string, string>());
  const seen = useRef<Seen>(new Map());
  const watching = useRef(false);
  const now = useNow();

  useEffect(() => {
    // Names only: a name that is missing shows its id.
    client.configuration.auxStates({ limit: 100 }).then((page) => setAuxNames(new Map(page.data.map((a) => [a.id, a.name])))).catch(() => undefined);
    readAll((cursor) => client.campaigns.list({ limit: 500, ...(cursor ? { cursor } : {}) }))
      .then((all) => setCampaignNames(new Map(all.map((c) => [c.id, c.name])))).catch(() => undefined);
  }, [client]);

  const refresh = useCallback(async () => {
    const [all, live] = await Promise.all([
      readAll((cursor) => client.agents.list({ limit: 500, ...(cursor ? { cursor } : {}) })),
      readAll((cursor) => client.calls.list({ live: true, limit: 500, ...(cursor ? { cursor } : {}) })),
    ]);
    setAgents(all);
    setCalls(new Map(live.map((c) => [c.id, c])));
  }, [client]);

  useLiveRefresh(client, liveTypes, refresh, onEnded);

  if (agents === undefined) return <p role="status">{t.loading}</p>;
  // The first reading is taken as the server stamped it; what changes after it, as the browser saw it.
  const live = watching.current;
  watching.current = true;
  const counts = new Map<AgentState, number>(agentStates.map((s) => [s, 0]));
  for (const a of agents) counts.set(a.state, (counts.get(a.state) ?? 0) + 1);

  return (
    <>
      <ul class="counts" aria-label={t.byState}>
        {agentStates.map((s) => (
          <li key={s} class={`state-${s}`}><span class="count" data-testid={`count-${s}`}>{counts.get(s)}</span> {t.states[s]}</li>
        ))}
      </ul>
      <table class="card wide">
        <caption>{t.agents}</caption>
        <thead>
          <tr>
            <th scope="col">{t.agentColumn}</th><th scope="col">{t.nameColumn}</th><th scope="col">{t.stateColumn}</th><th scope="col">{t.sinceColumn}</th>
            <th scope="col">{t.phone}</th><th scope="col">{t.callTime}</th><th scope="col">{t.campaignColumn}</th>
          </tr>
        </thead>
        <tbody>
          {agents.map((a) => {
            const since = sinceOf(seen.current, a.id, a.state_since, live);
            const state = a.state === 'aux' ? auxNames.get(a.aux_id ?? -1) ?? t.states.aux : t.states[a.state];
            const call = a.call_id === null ? undefined : calls.get(a.call_id);
            const callSince = call ? sinceOf(seen.current, `call:${call.id}`, call.connected_at ?? call.placed_at, live) : null;
            const campaign = !call || call.campaign_id === null ? '—' : campaignNames.get(call.campaign_id) ?? call.campaign_id;
            return (
              <tr key={a.id}>
                <th scope="row">{a.id}</th>
                <td>{a.name}</td>
                <td><span class={`state state-${a.state}`}>{state}</span></td>
                <td class="timer">{formatDuration(now - (since ?? now))}</td>
                <td>{call?.phone ?? '—'}</td>
                <td class="timer">{call ? formatDuration(now - (callSince ?? now)) : '—'}</td>
                <td>{campaign}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {agents.length === 0 && <p class="hint">{t.noAgents}</p>}
    </>
  );
}
