// The do-not-call list: block a number (for good, or for some days) with a reason, see the blocked
// numbers (a page at a time, "Show more" for the next), unblock one.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { DncEntry } from '@pacer/client';
import { localTime, OutcomeLine, useAction } from './pages.tsx';
import type { PageProps } from './Supervisor.tsx';

const pageSize = 100;

export function Dnc({ client, t, onEnded }: PageProps) {
  const [entries, setEntries] = useState<DncEntry[] | undefined>(undefined);
  const [next, setNext] = useState<string | null>(null);
  const [phone, setPhone] = useState('');
  const [reason, setReason] = useState('');
  const [days, setDays] = useState('');
  const { outcome, busy, run } = useAction(t, onEnded);

  /** The list from its start, as far as it was shown (at least one page). */
  const reload = useCallback(async (shown = pageSize) => {
    const page = await client.dnc.list({ limit: Math.min(Math.max(shown, pageSize), 1000) });
    setEntries(page.data);
    setNext(page.next_cursor);
  }, [client]);

  useEffect(() => {
    void run(async () => {
      await reload();
      return undefined;
    });
  }, [reload]);

  const more = () => run(async () => {
    if (next === null) return undefined;
    const page = await client.dnc.list({ limit: pageSize, cursor: next });
    setEntries([...(entries ?? []), ...page.data]);
    setNext(page.next_cursor);
    return undefined;
  });

  const add = async (e: Event) => {
    e.preventDefault();
    const number = phone.trim().replace(/[\s()-]/g, '');
    const ok = await run(async () => {
      const r = await client.dnc.add({ phones: [number], ...(reason.trim() ? { reason: reason.trim() } : {}), ...(days ? { days: Number(days) } : {}) });
      await reload(entries?.length);
      return r.added === 1 ? t.blocked(number) : t.reblocked(number);
    });
    if (ok) {
      setPhone('');
      setReason('');
      setDays('');
    }
  };

  const remove = (number: string) => run(async () => {
    await client.dnc.remove(number);
    await reload(entries?.length);
    return t.unblocked(number);
  });

  return (
    <>
      <form class="card row wrap" onSubmit={(e) => void add(e)} aria-labelledby="block-heading">
        <h2 id="block-heading" class="row-title">{t.blockNumber}</h2>
        <div class="field">
          <label for="dnc-phone">{t.phoneNumber}</label>
          <input id="dnc-phone" type="tel" inputMode="tel" required maxLength={32} value={phone} onInput={(e) => setPhone(e.currentTarget.value)} />
        </div>
        <div class="field grow">
          <label for="dnc-reason">{t.reason}</label>
          <input id="dnc-reason" maxLength={200} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="dnc-days">{t.days}</label>
          <input id="dnc-days" type="number" min={1} max={36500} step={1} class="narrow" value={days} onInput={(e) => setDays(e.currentTarget.value)} />
        </div>
        <button type="submit" class="primary" disabled={busy}>{t.block}</button>
      </form>
      <OutcomeLine outcome={outcome} />
      {entries === undefined ? <p role="status">{t.loading}</p> : entries.length === 0 ? <p class="hint">{t.noDnc}</p> : (
        <>
          <table class="card wide">
            <caption>{t.blockedNumbers}</caption>
            <thead>
              <tr><th scope="col">{t.phone}</th><th scope="col">{t.reasonColumn}</th><th scope="col">{t.addedColumn}</th><th scope="col">{t.untilColumn}</th><th scope="col">{t.actionsColumn}</th></tr>
            </thead>
            <tbody>
              {entries.map((d) => (
                <tr key={d.phone}>
                  <th scope="row">{d.phone}</th>
                  <td>{d.reason || '—'}</td>
                  <td>{localTime(d.created_at)}</td>
                  <td>{d.expires_at === null ? t.forGood : localTime(d.expires_at)}</td>
                  <td><button type="button" disabled={busy} onClick={() => void remove(d.phone)}>{t.unblock}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
          {next !== null && <button type="button" disabled={busy} onClick={() => void more()}>{t.showMore}</button>}
        </>
      )}
    </>
  );
}
