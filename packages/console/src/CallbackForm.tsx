// Scheduling a callback from after-call work: a phone (the call's by default), a date and a time
// on the operation's clock (its time zone, which the page says, with the time it is there now),
// and whether Pacer dials it (auto) or reminds the agent to (manual). The customer and campaign
// of the callback are the call's: the server takes them from the agent's current or last call.
import { useState } from 'preact/hooks';
import type { RecallType } from '@pacer/client';
import type { Texts } from './i18n.ts';
import { describeInstant, instantInZone, wallTimeAt } from './zone-time.ts';

export interface NewCallback { phone: string; dueAt: number; type: RecallType }

interface Props {
  t: Texts; phone: string; zone: string; now: number;
  onSchedule: (callback: NewCallback) => Promise<boolean>;
}

export function CallbackForm({ t, phone: callPhone, zone, now, onSchedule }: Props) {
  const [phone, setPhone] = useState(callPhone);
  const [date, setDate] = useState(() => wallTimeAt(Date.now(), zone).date);
  const [time, setTime] = useState('');
  const [type, setType] = useState<RecallType>('auto');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);
  const here = wallTimeAt(now, zone);

  const submit = async (e: Event) => {
    e.preventDefault();
    setDone(undefined);
    const dueAt = instantInZone({ date, time }, zone);
    if (dueAt === undefined) return setProblem(t.noSuchTime);
    if (dueAt <= Date.now()) return setProblem(t.pastTime);
    setProblem(undefined);
    if (await onSchedule({ phone: phone.trim(), dueAt, type })) {
      setDone(t.scheduled(describeInstant(dueAt, zone, t.locale)));
      setTime('');
    }
  };

  return (
    <form class="callback-form" aria-labelledby="callback-heading" onSubmit={(e) => void submit(e)}>
      <h3 id="callback-heading">{t.scheduleCallback}</h3>
      <p id="callback-clock" class="hint">{t.operationClock(zone, `${here.date} ${here.time}`)}</p>
      <div class="field">
        <label for="callback-phone">{t.callbackPhone}</label>
        <input id="callback-phone" type="tel" inputMode="tel" autocomplete="off" required pattern="\+?[0-9]{3,20}" maxLength={21}
          value={phone} onInput={(e) => setPhone(e.currentTarget.value)} />
      </div>
      <div class="row">
        <div class="field grow">
          <label for="callback-date">{t.callbackDate}</label>
          <input id="callback-date" type="date" required aria-describedby="callback-clock" value={date} onInput={(e) => setDate(e.currentTarget.value)} />
        </div>
        <div class="field grow">
          <label for="callback-time">{t.callbackTime}</label>
          <input id="callback-time" type="time" required aria-describedby="callback-clock" value={time} onInput={(e) => setTime(e.currentTarget.value)} />
        </div>
      </div>
      <fieldset class="choice">
        <legend>{t.callbackHow}</legend>
        <label><input type="radio" name="callback-type" value="auto" checked={type === 'auto'} onChange={() => setType('auto')} /> {t.callbackAuto}</label>
        <label><input type="radio" name="callback-type" value="manual" checked={type === 'manual'} onChange={() => setType('manual')} /> {t.callbackManual}</label>
      </fieldset>
      {problem !== undefined && <p class="error" role="alert">{problem}</p>}
      {done !== undefined && <p class="saved" role="status">{done}</p>}
      <div class="buttons">
        <button type="submit">{t.schedule}</button>
      </div>
    </form>
  );
}
