// The agent desktop: the agent's own state (a Status control with Ready, each auxiliary state of
// the operation and Log out) with its time in state; a preview campaign's next record (Dial, Skip);
// the current call with its customer record and its controls (hold, mute, keypad, transfer, hang
// up); manual dial; after-call work (activity codes, comments, save, save and ready, a callback to
// schedule on the operation's clock); the agent's callbacks, with a reminder when a manual one is
// due; keyboard shortcuts. It reads again whenever the agent's live stream says something changed
// (agent., call., callback.), so a change made elsewhere shows within a second.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import {
  PacerApiError, type Agent, type AgentStatus, type Call, type Callback, type PacerClient, type Preview,
} from '@pacer/client';
import { AfterCallPanel, type ActivityCode, type Disposition } from './AfterCallPanel.tsx';
import type { NewCallback } from './CallbackForm.tsx';
import { MyCallbacks, Reminders } from './Callbacks.tsx';
import { CallPanel, type CallRecord, type CallTool } from './CallPanel.tsx';
import { describeError } from './errors.ts';
import type { Texts } from './i18n.ts';
import { keypadKeys } from './Keypad.tsx';
import { useLiveRefresh, type Changed } from './live.ts';
import { useNow } from './now.ts';
import { PreviewPanel } from './PreviewPanel.tsx';
import { ShortcutHelp } from './ShortcutHelp.tsx';
import { useShortcuts, useShortcutsSetting } from './shortcuts.ts';
import { formatDuration, sinceOf, type Seen } from './time.ts';
import { knownZone } from './zone-time.ts';

interface AuxState { id: number; name: string }
/** A control's hint of its shortcut key, while shortcuts are on. */
type KeyHint = { title?: string; 'aria-keyshortcuts'?: string };
interface CampaignInfo { name: string; optTitles: Record<string, string> }

interface Props { client: PacerClient; t: Texts; agentId: string; onEnded: (error: PacerApiError) => void }

const liveCallStates = new Set(['dialing', 'ringing', 'waiting', 'connected', 'held']);
/** The events that change what the desktop shows (an agent's session receives its own only). */
const liveTypes = ['agent.', 'call.', 'callback.'];
/** How far back a manual callback that came due is still a reminder. */
const reminderWindowMs = 12 * 3600_000;
/** How often a shown preview record is asked for again (which renews its hold), and an empty one looked for. */
const previewEveryMs = 60_000;

const touches = (changed: Changed, ...prefixes: string[]) => changed === undefined || [...changed].some((type) => prefixes.some((p) => type.startsWith(p)));

/** Reminders the agent dismissed, kept in this browser so that a reload does not bring them back. */
function useDismissed(agentId: string): [Set<string>, (id: string) => void] {
  const key = `pacer.dismissed.${agentId}`;
  const [dismissed, setDismissed] = useState(() => {
    try {
      return new Set<string>(JSON.parse(localStorage.getItem(key) ?? '[]') as string[]);
    } catch {
      return new Set<string>();
    }
  });
  const dismiss = (id: string) => setDismissed((before) => {
    const after = new Set([...before, id].slice(-200));
    try {
      localStorage.setItem(key, JSON.stringify([...after]));
    } catch { /* private browsing: for this page only */ }
    return after;
  });
  return [dismissed, dismiss];
}

export function AgentDesktop({ client, t, agentId, onEnded }: Props) {
  const [agent, setAgent] = useState<Agent | undefined>(undefined);
  const [call, setCall] = useState<Call | undefined>(undefined);
  const [record, setRecord] = useState<{ key: string; value: CallRecord } | undefined>(undefined);
  const [auxStates, setAuxStates] = useState<AuxState[]>([]);
  const [codes, setCodes] = useState<ActivityCode[]>([]);
  const [zone, setZone] = useState<string | undefined>(undefined);
  const [callbacks, setCallbacks] = useState<Callback[]>([]);
  const [preview, setPreview] = useState<Preview | undefined>(undefined);
  const [previewNotice, setPreviewNotice] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [tool, setTool] = useState<CallTool>(null);
  const [tones, setTones] = useState({ callId: '', sent: '' });
  const [helpOpen, setHelpOpen] = useState(false);
  const [keysOn, setKeysOn] = useShortcutsSetting();
  const [dismissed, dismiss] = useDismissed(agentId);
  const [error, setError] = useState<string | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const seen = useRef<Seen>(new Map());
  const watching = useRef(false);
  const asked = useRef(new Map<string, Promise<CampaignInfo>>());
  const [infos, setInfos] = useState<Record<string, CampaignInfo>>({});
  const lastState = useRef<string | undefined>(undefined);
  const phoneInput = useRef<HTMLInputElement>(null);
  const now = useNow();

  useEffect(() => {
    const fail = (e: unknown) => setError(describeError(t, e));
    // An operation holds at most 100 auxiliary states; its activity codes fit a page of 500.
    client.configuration.auxStates({ limit: 100 }).then((page) => setAuxStates(page.data)).catch(fail);
    client.configuration.activityCodes({ limit: 500 }).then((page) => setCodes(page.data)).catch(fail);
    client.operation().then((op) => (knownZone(op.time_zone) ? setZone(op.time_zone) : setError(t.unknownZone(op.time_zone)))).catch(fail);
  }, [client, t]);

  /** A campaign's name and field titles, read once. */
  const campaignInfo = useCallback((id: string): Promise<CampaignInfo> => {
    let info = asked.current.get(id);
    if (!info) {
      info = client.campaigns.get(id).then((c) => ({ name: c.name, optTitles: c.opt_titles }), () => ({ name: id, optTitles: {} }));
      asked.current.set(id, info);
      void info.then((found) => setInfos((before) => ({ ...before, [id]: found })));
    }
    return info;
  }, [client]);

  const askPreview = useCallback(async () => {
    const p = await client.agents.preview(agentId);
    for (const c of p.campaigns) void campaignInfo(c.id);
    setPreview(p);
  }, [client, agentId, campaignInfo]);

  const readCallbacks = useCallback(async () => {
    const page = await client.callbacks.list({ from: new Date(Date.now() - reminderWindowMs).toISOString(), limit: 100 });
    setCallbacks(page.data);
  }, [client]);

  const refresh = useCallback(async (changed: Changed) => {
    if (touches(changed, 'callback.')) await readCallbacks();
    if (!touches(changed, 'agent.', 'call.')) return;
    const a = await client.agents.get(agentId);
    const callId = a.call_id ?? a.last_call_id;
    const c = callId === null ? undefined : await client.calls.get(callId);
    // The record of a call is read again when the call moves on (its attempt counted, then its result).
    const key = c ? `${c.id}:${c.state}` : '';
    let r: CallRecord | undefined;
    if (c && c.campaign_id !== null && c.customer_id !== null) {
      const [found, info] = await Promise.all([client.calls.record(c.id).catch(() => undefined), campaignInfo(c.campaign_id)]);
      // A record removed since (or unreadable now) is not shown, rather than said to be missing.
      r = found && { kind: 'record', record: found, campaignName: info.name, optTitles: info.optTitles };
    } else if (c) {
      r = { kind: 'none' };
    }
    setAgent(a);
    setCall(c);
    setRecord(r === undefined ? undefined : { key, value: r });
    // A newly ready agent (or the first reading) is offered the next record of its preview campaigns.
    const becameReady = a.state === 'ready' && lastState.current !== 'ready';
    lastState.current = a.state;
    if (changed === undefined || (becameReady && a.call_id === null)) await askPreview();
  }, [client, agentId, campaignInfo, askPreview, readCallbacks]);

  useLiveRefresh(client, liveTypes, refresh, onEnded);

  // While the agent works a preview campaign and is ready: renew the record's hold, or look for one.
  const previewWorked = (preview?.campaigns.length ?? 0) > 0 && agent?.state === 'ready' && agent.call_id === null;
  useEffect(() => {
    if (!previewWorked) return;
    const timer = setInterval(() => void askPreview().catch(() => undefined), previewEveryMs);
    return () => clearInterval(timer);
  }, [previewWorked, askPreview]);

  /** Runs one action; a refusal is shown (in the user's words where known) and the screen reads again. */
  const act = async (action: () => Promise<unknown>, done?: string): Promise<boolean> => {
    setError(undefined);
    setNotice(undefined);
    let ok = true;
    try {
      await action();
      if (done !== undefined) setNotice(done);
    } catch (e) {
      ok = false;
      if (e instanceof PacerApiError && e.code === 'SESSION_INVALID') return (onEnded(e), false);
      setError(describeError(t, e));
    }
    await refresh(new Set(['agent.', 'callback.'])).catch(() => undefined);
    return ok;
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
  const talking = liveCall !== undefined && (liveCall.state === 'connected' || liveCall.state === 'held');
  const canDial = agent.state !== 'logout' && agent.call_id === null;
  const openCallbacks = callbacks.filter((cb) => cb.status === 'pending' || cb.status === 'waiting');
  const reminders = callbacks.filter((cb) => cb.type === 'manual' && cb.status === 'done' && !dismissed.has(cb.id));
  const shownTool = talking ? tool : null;
  const sent = liveCall && tones.callId === liveCall.id ? tones.sent : '';
  const next = preview?.next ?? null;
  const hint = (label: string, key: string): KeyHint => (keysOn ? { title: t.withKey(label, key.toUpperCase()), 'aria-keyshortcuts': key } : {});

  const sendTone = async (key: string) => {
    if (!liveCall) return;
    setError(undefined);
    try {
      await client.agents.dtmf(agentId, key);
      setTones((before) => ({ callId: liveCall.id, sent: (before.callId === liveCall.id ? before.sent : '') + key }));
    } catch (e) {
      setError(describeError(t, e));
    }
  };
  const previewAct = async (action: () => Promise<void>) => {
    setBusy(true);
    setPreviewNotice(undefined);
    try {
      await act(action);
    } finally {
      setBusy(false);
    }
  };
  const dialPreview = () => {
    if (!next) return;
    void previewAct(async () => {
      try {
        await client.agents.previewDial(agentId, { campaign_id: next.campaign_id, customer_id: next.record.customer_id });
        setPreview((p) => p && { ...p, next: null });
      } catch (e) {
        // Taken, closed or refused meanwhile: show the refusal and what is offered now.
        await askPreview().catch(() => undefined);
        throw e;
      }
    });
  };
  const skipPreview = () => {
    if (!next) return;
    void previewAct(async () => {
      setPreview(await client.agents.previewSkip(agentId, { campaign_id: next.campaign_id, customer_id: next.record.customer_id }));
      setPreviewNotice(t.previewSkipped(next.record.customer_id));
    });
  };
  const schedule = (cb: NewCallback) => act(() => client.callbacks.create({ agent_id: agentId, phone: cb.phone, due_at: new Date(cb.dueAt).toISOString(), type: cb.type }));
  const dialBack = (cb: Callback) => void act(async () => {
    await client.agents.dial(agentId, { phone: cb.phone });
    dismiss(cb.id);
  });

  const toggleTool = (which: Exclude<CallTool, null>) => (talking ? setTool(shownTool === which ? null : which) : false);
  useShortcuts(keysOn, {
    r: () => void act(() => client.agents.setStatus(agentId, 'ready')),
    h: () => (talking ? void act(() => client.agents.hold(agentId)) : false),
    m: () => (liveCall ? void act(() => client.agents.mute(agentId)) : false),
    x: () => (liveCall && agent.display.hungup ? void act(() => client.agents.hang(agentId)) : false),
    d: () => (phoneInput.current ? void phoneInput.current.focus() : false),
    k: () => toggleTool('keypad'),
    t: () => (talking ? void setTool('transfer') : false),
    p: () => (next && canDial && !busy ? void dialPreview() : false),
    '?': () => void setHelpOpen((open) => !open),
    ...(shownTool === 'keypad' && liveCall?.state === 'connected' ? Object.fromEntries(keypadKeys.map((k) => [k, () => void sendTone(k)])) : {}),
  });

  return (
    <div class="desktop">
      <h1 class="visually-hidden">{heading}</h1>
      {error !== undefined && <p class="error wide" role="alert">{error}</p>}
      {notice !== undefined && <p class="saved wide" role="status">{notice}</p>}
      {zone !== undefined && <div class="wide"><Reminders t={t} reminders={reminders} zone={zone} canDial={canDial} onDial={dialBack} onDismiss={(cb) => dismiss(cb.id)} /></div>}
      <div class="column">
        <section class="card" aria-labelledby="state-heading">
          <h2 id="state-heading">{heading}</h2>
          <StatusControl t={t} agent={agent} auxStates={auxStates} onChange={(status) => void act(() => client.agents.setStatus(agentId, status))} />
          <dl class="facts">
            <div><dt>{t.stateNow}</dt><dd data-testid="agent-state" class={`state state-${agent.state}`}>{stateName}</dd></div>
            <div><dt>{t.timeInState}</dt><dd class="timer">{formatDuration(now - (since ?? now))}</dd></div>
          </dl>
          {agent.next_state !== null && <p class="hint">{t.afterThisCall(describeNext(t, agent.next_state, auxName))}</p>}
        </section>
        {agent.display.dial && <DialPanel t={t} disabled={!canDial} input={phoneInput} keyHint={hint(t.keys.d ?? '', 'd')}
          onDial={(phone) => act(() => client.agents.dial(agentId, { phone }))} />}
        {zone !== undefined && <MyCallbacks t={t} callbacks={openCallbacks} zone={zone} onCancel={(cb) => void act(() => client.callbacks.cancel(cb.id))} />}
        <ShortcutHelp t={t} open={helpOpen} on={keysOn} onOpen={setHelpOpen} onChange={setKeysOn} />
      </div>
      <div class="column">
        {preview !== undefined && preview.campaigns.length > 0 && liveCall === undefined && (
          <PreviewPanel t={t} preview={preview} ready={agent.state === 'ready'} busy={busy || !canDial} keys={keysOn} notice={previewNotice}
            optTitles={next ? (infos[next.campaign_id]?.optTitles ?? {}) : {}} onDial={dialPreview} onSkip={skipPreview} />
        )}
        <CallPanel t={t} call={liveCall} record={liveCall && record?.key.startsWith(`${liveCall.id}:`) ? record.value : undefined} now={now}
          seen={seen.current} watching={live} canHang={agent.display.hungup} tool={shownTool} tonesSent={sent} keys={keysOn}
          onTool={setTool} onHold={() => void act(() => client.agents.hold(agentId))} onMute={() => void act(() => client.agents.mute(agentId))}
          onHang={() => void act(() => client.agents.hang(agentId))} onTone={(k) => void sendTone(k)}
          onTransfer={async (to) => {
            const ok = await act(() => client.agents.transfer(agentId, to), t.transferred(to));
            if (ok) setTool(null);
            return ok;
          }} />
      </div>
      <div class="column">
        {call !== undefined && agent.display.disposition && (
          <AfterCallPanel key={call.id} t={t} call={call} codes={codes} zone={zone} now={now} onSchedule={schedule}
            onSave={(d: Disposition, ready) => act(async () => {
              await client.agents.disposition(agentId, d);
              if (ready) await client.agents.setStatus(agentId, 'ready');
            })} />
        )}
      </div>
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

interface DialProps {
  t: Texts; disabled: boolean; input: { current: HTMLInputElement | null }; keyHint: KeyHint;
  onDial: (phone: string) => Promise<boolean>;
}

function DialPanel({ t, disabled, input, keyHint, onDial }: DialProps) {
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
          <input id="phone" ref={input} type="tel" inputMode="tel" autocomplete="off" required maxLength={32} value={phone}
            onInput={(e) => setPhone(e.currentTarget.value)} {...keyHint} />
        </div>
        <button type="submit" class="primary" disabled={disabled}>{t.dial}</button>
      </form>
    </section>
  );
}
