// The current call: phone, customer, state and call time; the customer record it was placed for;
// Hold/Resume, Mute/Unmute and Hang up; the keypad (tones) and the transfer form, one open at a time.
import type { Call, CampaignRecord } from '@pacer/client';
import type { Texts } from './i18n.ts';
import { Keypad } from './Keypad.tsx';
import { RecordFields } from './RecordFields.tsx';
import { formatDuration, sinceOf, type Seen } from './time.ts';
import { TransferForm } from './TransferForm.tsx';

/** The record of a call as the desktop found it: none (a manual dial), or with its campaign's name and field titles. */
export type CallRecord = { kind: 'none' } | { kind: 'record'; record: CampaignRecord; campaignName: string; optTitles: Record<string, string> };

export type CallTool = 'keypad' | 'transfer' | null;

export interface CallPanelProps {
  t: Texts; call: Call | undefined; record: CallRecord | undefined; now: number; seen: Seen; watching: boolean;
  canHang: boolean; tool: CallTool; tonesSent: string; keys: boolean;
  onTool: (tool: CallTool) => void; onHold: () => void; onMute: () => void; onHang: () => void;
  onTone: (key: string) => void; onTransfer: (to: string) => Promise<boolean>;
}

export function CallPanel(p: CallPanelProps) {
  const { t, call, record, keys } = p;
  const stamp = call ? call.connected_at ?? call.placed_at : null;
  const since = call ? sinceOf(p.seen, `call:${call.id}`, stamp, p.watching) : null;
  const talking = call !== undefined && (call.state === 'connected' || call.state === 'held');
  /** A control's hint names its key while shortcuts are on. */
  const hint = (label: string, key: string) => (keys ? { title: t.withKey(label, key.toUpperCase()), 'aria-keyshortcuts': key } : {});
  const toggle = (tool: Exclude<CallTool, null>) => p.onTool(p.tool === tool ? null : tool);
  return (
    <section class="card call" aria-labelledby="call-heading">
      <h2 id="call-heading">{t.currentCall}</h2>
      {call === undefined ? <p class="hint">{t.noCall}</p> : (
        <dl class="facts">
          <div><dt>{t.phone}</dt><dd data-testid="call-phone">{call.phone}</dd></div>
          <div><dt>{t.customer}</dt><dd>{call.customer_name ?? '—'}</dd></div>
          <div><dt>{t.stateNow}</dt><dd>{t.callStates[call.held ? 'held' : call.state] ?? call.state}</dd></div>
          <div><dt>{t.callTime}</dt><dd class="timer">{formatDuration(p.now - (since ?? p.now))}</dd></div>
        </dl>
      )}
      <div class="buttons">
        <button type="button" disabled={!talking} onClick={p.onHold} aria-pressed={call?.held ?? false} {...hint(t.keys.h ?? '', 'h')}>{call?.held ? t.resume : t.hold}</button>
        <button type="button" disabled={call === undefined} onClick={p.onMute} aria-pressed={call?.muted ?? false} {...hint(t.keys.m ?? '', 'm')}>{call?.muted ? t.unmute : t.mute}</button>
        {p.canHang && <button type="button" class="danger" disabled={call === undefined} onClick={p.onHang} {...hint(t.hangUp, 'x')}>{t.hangUp}</button>}
      </div>
      <div class="buttons">
        <button type="button" disabled={!talking} aria-expanded={p.tool === 'keypad'} aria-controls="call-tool" onClick={() => toggle('keypad')} {...hint(t.keypad, 'k')}>{t.keypad}</button>
        <button type="button" disabled={!talking} aria-expanded={p.tool === 'transfer'} aria-controls="call-tool" onClick={() => toggle('transfer')} {...hint(t.transfer, 't')}>{t.transfer}</button>
      </div>
      <div id="call-tool">
        {talking && p.tool === 'keypad' && <Keypad t={t} disabled={call.state !== 'connected'} sent={p.tonesSent} onTone={p.onTone} />}
        {talking && p.tool === 'transfer' && <TransferForm t={t} disabled={false} onTransfer={p.onTransfer} />}
      </div>
      {call !== undefined && record !== undefined && (
        <div class="record-box">
          <h3>{t.record}</h3>
          {record.kind === 'none'
            ? <p class="hint">{t.noRecord}</p>
            : <RecordFields t={t} record={record.record} campaignName={record.campaignName} optTitles={record.optTitles} testId="call-record" />}
        </div>
      )}
    </section>
  );
}
