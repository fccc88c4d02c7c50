// The floor, as a supervisor or an admin sees it for now: a table of every agent with its state
// and time in state, live. The full supervisor's view (wallboard, campaigns, charts) is a later
// slice of the console; the page says so.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Agent, PacerApiError, PacerClient } from '@pacer/client';
import { describeError } from './errors.ts';
import type { Texts } from './i18n.ts';
import { useLiveRefresh } from './live.ts';
import { useNow } from './now.ts';
import { formatDuration, sinceOf, type Seen } from './time.ts';

const liveTypes = ['agent.'];

export function Floor({ client, t, onEnded }: { client: PacerClient; t: Texts; onEnded: (error: PacerApiError) => void }) {
  const [agents, setAgents] = useState<Agent[] | undefined>(undefined);
  const [auxNames, setAuxNames] = useState(new Map<number, string>());
  const [error, setError] = useState<string | undefined>(undefined);
  const seen = useRef<Seen>(new Map());
  const watching = useRef(false);
  const now = useNow();

  useEffect(() => {
    client.configuration.auxStates({ limit: 100 })
      .then((page) => setAuxNames(new Map(page.data.map((a) => [a.id, a.name]))))
      .catch((e: unknown) => setError(describeError(t, e)));
  }, [client, t]);

  const refresh = useCallback(async () => {
    const all: Agent[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.agents.list({ limit: 500, ...(cursor ? { cursor } : {}) });
      all.push(...page.data);
      cursor = page.next_cursor ?? undefined;
    } while (cursor !== undefined);
    setAgents(all);
  }, [client]);

  useLiveRefresh(client, liveTypes, refresh, onEnded);

  const live = watching.current;
  if (agents !== undefined) watching.current = true;
  return (
    <div class="floor">
      <h1>{t.floorHeading}</h1>
      <p class="hint">{t.floorNote}</p>
      {error !== undefined && <p class="error" role="alert">{error}</p>}
      {agents === undefined ? <p role="status">{t.loading}</p> : (
        <table class="card">
          <caption>{t.agents}</caption>
          <thead><tr><th scope="col">{t.agentColumn}</th><th scope="col">{t.nameColumn}</th><th scope="col">{t.stateColumn}</th><th scope="col">{t.sinceColumn}</th></tr></thead>
          <tbody>
            {agents.map((a) => {
              const since = sinceOf(seen.current, a.id, a.state_since, live);
              const state = a.state === 'aux' ? auxNames.get(a.aux_id ?? -1) ?? t.states.aux : t.states[a.state];
              return (
                <tr key={a.id}>
                  <th scope="row">{a.id}</th>
                  <td>{a.name}</td>
                  <td><span class={`state state-${a.state}`}>{state}</span></td>
                  <td class="timer">{formatDuration(now - (since ?? now))}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
