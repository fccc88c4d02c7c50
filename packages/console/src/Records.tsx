// The records search: by phone (any of tel1…tel10), customer name (contains, any case) and
// campaign, a page at a time (GET /v1/records with its cursor); earlier pages are kept as the
// cursors that reached them, so Previous goes back without reading from the start.
import { useEffect, useState } from 'preact/hooks';
import type { Campaign, CampaignRecord, RecordFilter } from '@pacer/client';
import { OutcomeLine, readAll, useAction } from './pages.tsx';
import type { PageProps } from './Supervisor.tsx';

const pageSize = 50;

interface Shown { filter: RecordFilter; cursors: (string | undefined)[]; records: CampaignRecord[]; next: string | null }

export function Records({ client, t, onEnded }: PageProps) {
  const [campaigns, setCampaigns] = useState<Campaign[]>([]);
  const [phone, setPhone] = useState('');
  const [name, setName] = useState('');
  const [campaign, setCampaign] = useState('');
  const [shown, setShown] = useState<Shown | undefined>(undefined);
  const { outcome, busy, run } = useAction(t, onEnded);

  useEffect(() => {
    readAll((cursor) => client.campaigns.list({ limit: 500, ...(cursor ? { cursor } : {}) })).then(setCampaigns).catch(() => undefined);
  }, [client]);

  const open = (filter: RecordFilter, cursors: (string | undefined)[]) => run(async () => {
    const cursor = cursors[cursors.length - 1];
    const page = await client.records.search({ ...filter, limit: pageSize, ...(cursor ? { cursor } : {}) });
    setShown({ filter, cursors, records: page.data, next: page.next_cursor });
    return undefined;
  });

  // The first page of every record at once: a search narrows it.
  useEffect(() => {
    void open({}, [undefined]);
  }, [client]);

  const search = (e: Event) => {
    e.preventDefault();
    const filter: RecordFilter = {
      ...(phone.trim() ? { phone: phone.trim().replace(/[\s()-]/g, '') } : {}), ...(name.trim() ? { name: name.trim() } : {}), ...(campaign ? { campaign } : {}),
    };
    void open(filter, [undefined]);
  };

  const campaignName = (id: string) => campaigns.find((c) => c.id === id)?.name ?? id;
  return (
    <>
      <form class="card row wrap" onSubmit={search} aria-label={t.searchRecords}>
        <div class="field">
          <label for="search-phone">{t.byPhone}</label>
          <input id="search-phone" type="tel" inputMode="tel" maxLength={32} value={phone} onInput={(e) => setPhone(e.currentTarget.value)} />
        </div>
        <div class="field grow">
          <label for="search-name">{t.byName}</label>
          <input id="search-name" maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="search-campaign">{t.byCampaign}</label>
          <select id="search-campaign" value={campaign} onChange={(e) => setCampaign(e.currentTarget.value)}>
            <option value="">{t.allCampaigns}</option>
            {campaigns.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </div>
        <button type="submit" class="primary" disabled={busy}>{t.search}</button>
      </form>
      <OutcomeLine outcome={outcome} />
      {shown && (shown.records.length === 0 ? <p class="hint" role="status">{t.noRecords}</p> : (
        <>
          <table class="card wide">
            <caption>{t.recordsFound} · {t.pageNumber(shown.cursors.length)}</caption>
            <thead>
              <tr>
                <th scope="col">{t.customerIdColumn}</th><th scope="col">{t.nameColumn}</th><th scope="col">{t.campaignColumn}</th><th scope="col">{t.phonesColumn}</th>
                <th scope="col">{t.statusColumn}</th><th scope="col">{t.attemptsColumn}</th><th scope="col">{t.lastResultColumn}</th>
              </tr>
            </thead>
            <tbody>
              {shown.records.map((r) => (
                <tr key={`${r.campaign_id}_${r.customer_id}`}>
                  <th scope="row">{r.customer_id}</th>
                  <td>{[r.data.customer_name, r.data.customer_last_name].filter(Boolean).join(' ') || '—'}</td>
                  <td>{campaignName(r.campaign_id)}</td>
                  <td>{r.phones.join(', ')}</td>
                  <td>{t.recordStatuses[r.status]}</td>
                  <td>{r.attempts}</td>
                  <td>{r.last_result ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="buttons">
            <button type="button" disabled={busy || shown.cursors.length < 2} onClick={() => void open(shown.filter, shown.cursors.slice(0, -1))}>{t.previousPage}</button>
            <button type="button" disabled={busy || shown.next === null} onClick={() => void open(shown.filter, [...shown.cursors, shown.next ?? undefined])}>{t.nextPage}</button>
          </div>
        </>
      ))}
    </>
  );
}
