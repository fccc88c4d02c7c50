// After-call work for the current or last call: activity code (group 1, and 2 if the operation
// uses it), comments, Save and Save-and-ready; and a callback to schedule for the customer.
import { useState } from 'preact/hooks';
import type { Call } from '@pacer/client';
import { CallbackForm, type NewCallback } from './CallbackForm.tsx';
import type { Texts } from './i18n.ts';

export interface ActivityCode { group: 1 | 2; code: string; name: string }
export interface Disposition { cod_act: string; cod_act_2?: string; comments?: string }

interface Props {
  t: Texts; call: Call; codes: ActivityCode[]; zone: string | undefined; now: number;
  onSave: (d: Disposition, ready: boolean) => Promise<boolean>;
  onSchedule: (callback: NewCallback) => Promise<boolean>;
}

export function AfterCallPanel({ t, call, codes, zone, now, onSave, onSchedule }: Props) {
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
    <section class="card acw" aria-labelledby="acw-heading">
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
          <textarea id="comments" rows={2} maxLength={2000} value={comments} onInput={(e) => setComments(e.currentTarget.value)} />
        </div>
        {missing && <p id="cod-act-missing" class="error" role="alert">{t.needCode}</p>}
        {savedName !== undefined && <p class="saved" role="status">{t.saved(savedName)}</p>}
        <div class="buttons">
          <button type="submit" class="primary">{t.save}</button>
          <button type="button" onClick={() => void save(true)}>{t.saveAndReady}</button>
        </div>
      </form>
      {zone !== undefined && <CallbackForm t={t} phone={call.phone} zone={zone} now={now} onSchedule={onSchedule} />}
    </section>
  );
}
