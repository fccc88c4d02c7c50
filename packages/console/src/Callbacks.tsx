// The agent's own callbacks: those to come (scheduled, or due and waiting for the agent), soonest
// first, each cancellable; and, above the desktop, the manual ones that came due — the server's
// reminder (callback.reminder) — until the agent dials or dismisses them.
import type { Callback } from '@pacer/client';
import type { Texts } from './i18n.ts';
import { describeInstant } from './zone-time.ts';

interface ListProps { t: Texts; callbacks: Callback[]; zone: string; onCancel: (cb: Callback) => void }

export function MyCallbacks({ t, callbacks, zone, onCancel }: ListProps) {
  const when = (cb: Callback) => describeInstant(Date.parse(cb.due_at), zone, t.locale);
  return (
    <section class="card" aria-labelledby="callbacks-heading">
      <h2 id="callbacks-heading">{t.myCallbacks}</h2>
      {callbacks.length === 0 ? <p class="hint">{t.noCallbacks}</p> : (
        <ul class="callbacks" data-testid="my-callbacks">
          {callbacks.map((cb) => (
            <li key={cb.id}>
              <span class="timer">{when(cb)}</span>
              <span>{cb.phone}</span>
              <span class="hint">{t.callbackTypes[cb.type] ?? cb.type} · {t.callbackStatuses[cb.status] ?? cb.status}</span>
              <button type="button" class="small" aria-label={t.cancelCallback(cb.phone, when(cb))} onClick={() => onCancel(cb)}>{t.cancel}</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface ReminderProps { t: Texts; reminders: Callback[]; zone: string; canDial: boolean; onDial: (cb: Callback) => void; onDismiss: (cb: Callback) => void }

export function Reminders({ t, reminders, zone, canDial, onDial, onDismiss }: ReminderProps) {
  const said = (cb: Callback) => t.reminder(cb.phone, describeInstant(Date.parse(cb.due_at), zone, t.locale));
  return (
    <>
      {/* Always there, so that a reminder appearing in it is announced; the buttons are below it. */}
      <p class="visually-hidden" role="alert">{reminders.map(said).join(' ')}</p>
      {reminders.length > 0 && (
        <section class="card reminder" aria-labelledby="reminders-heading">
          <h2 id="reminders-heading">{t.reminders}</h2>
          <ul>
            {reminders.map((cb) => (
              <li key={cb.id} data-testid="reminder">
                <span>{said(cb)}</span>
                <button type="button" class="primary" disabled={!canDial} aria-label={t.dialReminder(cb.phone)} onClick={() => onDial(cb)}>{t.dialNow}</button>
                <button type="button" aria-label={t.dismissReminder(cb.phone)} onClick={() => onDismiss(cb)}>{t.dismiss}</button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
