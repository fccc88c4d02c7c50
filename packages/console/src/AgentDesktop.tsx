// The agent desktop: the agent's own state (a Status control with Ready, each auxiliary state of
// the operation and Log out) with its time in state, the current call and its controls, manual
// dial, and after-call work (activity codes, comments, save, save and ready). It reads the agent
// and its call again whenever the agent's live stream says something changed, so a change made
// elsewhere (the API, the dialer, a supervisor) shows within a second.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { PacerApiError, type Agent, type AgentStatus, type Call, type PacerClient } from '@pacer/client';
import { describeError } from './errors.ts';
import type { Texts } from './i18n.ts';
import { useLiveRefresh } from './live.ts';
import { useNow } from './now.ts';
import { formatDuration, sinceOf, type Seen } from './time.ts';

interface AuxState { id: number; name: string }
interface ActivityCode { group: 1 | 2; code: string; name: string }

interface Props { client: PacerClient; t: Texts; agentId: string; onEnded: (error: PacerApiError) => void }

const liveCallStates = new Set(['dialing', 'ringing', 'waiting', 'connected', 'held']);
/** The events that change what the desktop shows (an agent's session receives its own only). */
const liveTypes = ['agent.', 'call.'];

export function AgentDesktop({ client, t, agentId, onEnded }: Props) {
  const [agent, setAgent] = useState<Agent | undefined>(undefined);
  const [call, setCall] = useState<Call | undefined>(undefined);
  const [auxStates, setAuxStates] = useState<AuxState[]>([]);
  const [codes, setCodes] = useState<ActivityCode[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);
  const seen = useRef<Seen>(new Map());
  const watching = useRef(false);
  const now = useNow();

  useEffect(() => {
    // An operation holds at most 100 auxiliary states; its activity codes fit a page of 500.
    client.configuration.auxStates({ limit: 100 }).then((page) => setAuxStates(page.data)).catch((e: unknown) => setError(describeError(t, e)));
    client.configuration.activityCodes({ limit: 500 }).then((page) => setCodes(page.data)).catch((e: unknown) => setError(describeError(t, e)));
  }, [client, t]);

  const refresh = useCallback(async () => {
    const a = await client.agents.get(agentId);
    const callId = a.call_id ?? a.last_call_id;
    const c = callId === null ? undefined : await client.calls.get(callId);
    setAgent(a);
    setCall(c);
  }, [client, agentId]);

  useLiveRefresh(client, liveTypes, refresh, onEnded);

  /** Runs one action; a refusal is shown (in the user's words where known) and the screen reads again. */
  const act = async (action: () => Promise<unknown>): Promise<boolean> => {
    setError(undefined);
    let done = true;
    try {
      await action();
    } catch (e) {
      done = false;
      if (e instanceof PacerApiError && e.code === 'SESSION_INVALID') return (onEnded(e), false);
      setError(describeError(t, e));
    }
    await refresh().catch(() => undefined);
    return done;
  };

  if (!agent) return <p role="status">{error ?? t.loading}</p>;

  // The first reading is taken as the server stamped it; what changes after it, as the browser saw it.
  const live = watching.current;
  watching.current = true;
  const since = sinceOf(seen.current, 'agent', agent.state_since, live);
  const auxName = (id: number | null) => auxStates.find((a) => a.id === id)?.name ?? `${t.states.aux} ${id ?? ''}`;
  const stateName = agent.state === 'aux' ? auxName(agent.aux_id) : t.states[agent.state];
  // The demo names agents "Agent 1001": the id is not said twice.
  const heading = agent.name.includes(agent.id) ? agent.name : t.agentHeading(agent.id, agent.name);
  const liveCall = call !== undefined && agent.call_id === call.id && liveCallStates.has(call.state) ? call : undefined;

  return (
    <div class="desktop">
      <h1 class="visually-hidden">{heading}</h1>
      {error !== undefined && <p class="error" role="alert">{error}</p>}
      <section class="card" aria-labelledby="state-heading">
        <h2 id="state-heading">{heading}</h2>
        <StatusControl t={t} agent={agent} auxStates={auxStates} onChange={(status) => void act(() => client.agents.setStatus(agentId, status))} />
        <dl class="facts">
          <div><dt>{t.stateNow}</dt><dd data-testid="agent-state" class={`state state-${agent.state}`}>{stateName}</dd></div>
          <div><dt>{t.timeInState}</dt><dd class="timer">{formatDuration(now - (since ?? now))}</dd></div>
        </dl>
        {agent.next_state !== null && <p class="hint">{t.afterThisCall(describeNext(t, agent.next_state, auxName))}</p>}
      </section>
      <CallPanel t={t} call={liveCall} now={now} seen={seen.current} watching={live}
        onHold={() => void act(() => client.agents.hold(agentId))} onMute={() => void act(() => client.agents.mute(agentId))}
        onHang={() => void act(() => client.agents.hang(agentId))} />
      <DialPanel t={t} disabled={agent.state === 'logout' || agent.call_id !== null}
        onDial={(phone) => act(() => client.agents.dial(agentId, { phone }))} />
      {call !== undefined && (
        <AfterCallPanel key={call.id} t={t} call={call} codes={codes}
          onSave={(d, ready) => act(async () => {
            await client.agents.disposition(agentId, d);
            if (ready) await client.agents.setStatus(agentId, 'ready');
          })} />
      )}
    </div>
  );
}

function describeNext(t: Texts, next: string, auxName: (id: number) => string): string {
  if (next === 'ready') return t.ready;
  if (next === 'logout') return t.states.logout;
  const aux = /^aux:(\d+)$/.exec(next);
  return aux ? auxName(Number(aux[1])) : next;
}

function StatusControl({ t, agent, auxStates, onChange }: { t: Texts; agent: Agent; auxStates: AuxState[]; onChange: (s: AgentStatus) => void }) {
  // On a call the agent's state is not one it chooses: the control shows it, and a choice made
  // then applies when the call and its after-call work end (the server defers it).
  const value = agent.state === 'ready' || agent.state === 'logout' ? agent.state : agent.state === 'aux' ? `aux:${agent.aux_id ?? ''}` : 'busy';
  const change = (raw: string) => {
    if (raw === 'ready' || raw === 'logout') onChange(raw);
    else if (raw.startsWith('aux:')) onChange(Number(raw.slice(4)));
  };
  return (
    <div class="field">
      <label for="status">{t.status}</label>
      <select id="status" value={value} onChange={(e) => change(e.currentTarget.value)}>
        {value === 'busy' && <option value="busy" disabled>{t.states[agent.state]}</option>}
        <option value="ready">{t.ready}</option>
        {auxStates.map((a) => <option key={a.id} value={`aux:${a.id}`}>{a.name}</option>)}
        <option value="logout">{t.logOut}</option>
      </select>
    </div>
  );
}

interface CallPanelProps {
  t: Texts; call: Call | undefined; now: number; seen: Seen; watching: boolean;
  onHold: () => void; onMute: () => void; onHang: () => void;
}

function CallPanel({ t, call, now, seen, watching, onHold, onMute, onHang }: CallPanelProps) {
  const stamp = call ? call.connected_at ?? call.placed_at : null;
  const since = call ? sinceOf(seen, `call:${call.id}`, stamp, watching) : null;
  const talking = call !== undefined && (call.state === 'connected' || call.state === 'held');
  return (
    <section class="card" aria-labelledby="call-heading">
      <h2 id="call-heading">{t.currentCall}</h2>
      {call === undefined ? <p class="hint">{t.noCall}</p> : (
        <dl class="facts">
          <div><dt>{t.phone}</dt><dd data-testid="call-phone">{call.phone}</dd></div>
          <div><dt>{t.customer}</dt><dd>{call.customer_name ?? '—'}</dd></div>
          <div><dt>{t.stateNow}</dt><dd>{t.callStates[call.held ? 'held' : call.state] ?? call.state}</dd></div>
          <div><dt>{t.callTime}</dt><dd class="timer">{formatDuration(now - (since ?? now))}</dd></div>
        </dl>
      )}
      <div class="buttons">
        <button type="button" disabled={!talking} onClick={onHold} aria-pressed={call?.held ?? false}>{call?.held ? t.resume : t.hold}</button>
        <button type="button" disabled={call === undefined} onClick={onMute} aria-pressed={call?.muted ?? false}>{call?.muted ? t.unmute : t.mute}</button>
        <button type="button" class="danger" disabled={call === undefined} onClick={onHang}>{t.hangUp}</button>
      </div>
    </section>
  );
}

function DialPanel({ t, disabled, onDial }: { t: Texts; disabled: boolean; onDial: (phone: string) => Promise<boolean> }) {
  const [phone, setPhone] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    if (await onDial(phone.trim())) setPhone('');
  };
  return (
    <section class="card" aria-labelledby="dial-heading">
      <h2 id="dial-heading">{t.manualDial}</h2>
      <form class="row" onSubmit={(e) => void submit(e)}>
        <div class="field grow">
          <label for="phone">{t.phoneNumber}</label>
          <input id="phone" type="tel" inputMode="tel" autocomplete="off" required maxLength={32} value={phone} onInput={(e) => setPhone(e.currentTarget.value)} />
        </div>
        <button type="submit" class="primary" disabled={disabled}>{t.dial}</button>
      </form>
    </section>
  );
}

interface AfterCallProps {
  t: Texts; call: Call; codes: ActivityCode[];
  onSave: (d: { cod_act: string; cod_act_2?: string; comments?: string }, ready: boolean) => Promise<boolean>;
}

function AfterCallPanel({ t, call, codes, onSave }: AfterCallProps) {
  const [code, setCode] = useState(call.cod_act ?? '');
  const [code2, setCode2] = useState(call.cod_act_2 ?? '');
  const [comments, setComments] = useState(call.comments ?? '');
  const [missing, setMissing] = useState(false);
  const save = async (ready: boolean) => {
    if (code === '') return setMissing(true);
    setMissing(false);
    await onSave({ cod_act: code, ...(code2 ? { cod_act_2: code2 } : {}), ...(comments.trim() ? { comments: comments.trim() } : {}) }, ready);
  };
  const savedName = call.cod_act === null ? undefined : codes.find((c) => c.group === 1 && c.code === call.cod_act)?.name ?? call.cod_act;
  return (
    <section class="card" aria-labelledby="acw-heading">
      <h2 id="acw-heading">{t.afterCallWork}</h2>
      <p class="hint">{t.dispositionOf(call.phone)}</p>
      <form onSubmit={(e) => {
        e.preventDefault();
        void save(false);
      }}>
        <div class="row">
          <div class="field grow">
            <label for="cod-act">{t.activityCode}</label>
            <select id="cod-act" value={code} aria-invalid={missing} aria-describedby={missing ? 'cod-act-missing' : undefined} onChange={(e) => setCode(e.currentTarget.value)}>
              <option value="">{t.chooseCode}</option>
              {codes.filter((c) => c.group === 1).map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
            </select>
          </div>
          <div class="field grow">
            <label for="cod-act-2">{t.activityCode2}</label>
            <select id="cod-act-2" value={code2} onChange={(e) => setCode2(e.currentTarget.value)}>
              <option value="">{t.none}</option>
              {codes.filter((c) => c.group === 2).map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
            </select>
          </div>
        </div>
        <div class="field">
          <label for="comments">{t.comments}</label>
          <textarea id="comments" rows={3} maxLength={2000} value={comments} onInput={(e) => setComments(e.currentTarget.value)} />
        </div>
        {missing && <p id="cod-act-missing" class="error" role="alert">{t.needCode}</p>}
        {savedName !== undefined && <p class="saved" role="status">{t.saved(savedName)}</p>}
        <div class="buttons">
          <button type="submit" class="primary">{t.save}</button>
          <button type="button" onClick={() => void save(true)}>{t.saveAndReady}</button>
        </div>
      </form>
    </section>
  );
}
