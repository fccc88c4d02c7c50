// The campaigns page: every campaign with its type, status and speed, Start/Stop and the speed
// (PATCH /v1/campaigns/{id}), a new campaign, and records loaded from a CSV file. Live: campaign
// events (started, stopped, speed, created) read the list again. Live figures per campaign come
// with GET /v1/campaigns/{id}/stats, later.
import { useCallback, useState } from 'preact/hooks';
import { campaignTypes, type Campaign, type CampaignType } from '@pacer/client';
import type { PageTexts } from './i18n.ts';
import { useLiveRefresh } from './live.ts';
import { OutcomeLine, readAll, useAction } from './pages.tsx';
import { RecordsUpload } from './RecordsUpload.tsx';
import type { PageProps } from './Supervisor.tsx';

const liveTypes = ['campaign.'];

export function Campaigns({ client, t, onEnded }: PageProps) {
  const [campaigns, setCampaigns] = useState<Campaign[] | undefined>(undefined);
  const { outcome, busy, run } = useAction(t, onEnded);

  const refresh = useCallback(async () => {
    setCampaigns(await readAll((cursor) => client.campaigns.list({ limit: 500, ...(cursor ? { cursor } : {}) })));
  }, [client]);
  useLiveRefresh(client, liveTypes, refresh, onEnded);

  /** A change, then the list read again (the stream would bring it too, a moment later). */
  const change = (action: () => Promise<string | undefined>) => run(async () => {
    const done = await action();
    await refresh();
    return done;
  });

  return (
    <>
      <OutcomeLine outcome={outcome} />
      {campaigns === undefined ? <p role="status">{t.loading}</p> : campaigns.length === 0 ? <p class="hint">{t.noCampaigns}</p> : (
        <table class="card wide">
          <caption>{t.nav.campaigns}</caption>
          <thead>
            <tr>
              <th scope="col">{t.nameColumn}</th><th scope="col">{t.idColumn}</th><th scope="col">{t.typeColumn}</th>
              <th scope="col">{t.statusColumn}</th><th scope="col">{t.speedColumn}</th><th scope="col">{t.actionsColumn}</th>
            </tr>
          </thead>
          <tbody>
            {campaigns.map((c) => (
              <CampaignRow key={`${c.id}:${c.speed}`} t={t} campaign={c} busy={busy}
                onRun={(status) => void change(async () => {
                  await client.campaigns.change(c.id, { status });
                  return undefined;
                })}
                onSpeed={(speed) => void change(async () => {
                  await client.campaigns.change(c.id, { speed });
                  return undefined;
                })} />
            ))}
          </tbody>
        </table>
      )}
      <p class="hint">{t.speedHint} {t.liveFiguresLater}</p>
      <div class="columns">
        <NewCampaign t={t} busy={busy} onCreate={(p) => change(async () => {
          const created = await client.campaigns.create(p);
          return t.campaignCreated(created.name);
        })} />
        <RecordsUpload client={client} t={t} onEnded={onEnded} campaigns={campaigns ?? []} />
      </div>
    </>
  );
}

interface RowProps { t: PageTexts; campaign: Campaign; busy: boolean; onRun: (status: Campaign['status']) => void; onSpeed: (speed: number) => void }

function CampaignRow({ t, campaign: c, busy, onRun, onSpeed }: RowProps) {
  const [speed, setSpeed] = useState(String(c.speed));
  const started = c.status === 'started';
  return (
    <tr>
      <th scope="row">{c.name}</th>
      <td>{c.id}</td>
      <td>{t.campaignTypes[c.type]}</td>
      <td><span class={`state ${started ? 'state-ready' : 'state-logout'}`}>{t.campaignStatuses[c.status]}</span></td>
      <td>
        <form class="inline" onSubmit={(e) => {
          e.preventDefault();
          onSpeed(Number(speed));
        }}>
          <input type="number" min={0} max={100} step={1} required class="narrow" aria-label={t.speedOf(c.name)} value={speed} onInput={(e) => setSpeed(e.currentTarget.value)} />
          <button type="submit" disabled={busy}>{t.setSpeed}</button>
        </form>
      </td>
      <td>
        <button type="button" class={started ? 'danger' : 'primary'} disabled={busy} onClick={() => onRun(started ? 'stopped' : 'started')}>{started ? t.stop : t.start}</button>
      </td>
    </tr>
  );
}

function NewCampaign({ t, busy, onCreate }: { t: PageTexts; busy: boolean; onCreate: (p: { name: string; type: CampaignType; description?: string }) => Promise<boolean> }) {
  const [name, setName] = useState('');
  const [type, setType] = useState<CampaignType>('predictive');
  const [description, setDescription] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    if (await onCreate({ name: name.trim(), type, ...(description.trim() ? { description: description.trim() } : {}) })) {
      setName('');
      setDescription('');
    }
  };
  return (
    <form class="card" onSubmit={(e) => void submit(e)} aria-labelledby="new-campaign-heading">
      <h2 id="new-campaign-heading">{t.newCampaign}</h2>
      <div class="field">
        <label for="campaign-name">{t.campaignName}</label>
        <input id="campaign-name" required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="campaign-type">{t.campaignType}</label>
        <select id="campaign-type" value={type} onChange={(e) => setType(e.currentTarget.value as CampaignType)}>
          {campaignTypes.map((k) => <option key={k} value={k}>{t.campaignTypes[k]}</option>)}
        </select>
      </div>
      <div class="field">
        <label for="campaign-description">{t.description}</label>
        <input id="campaign-description" maxLength={2000} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
      </div>
      <button type="submit" class="primary" disabled={busy}>{t.create}</button>
    </form>
  );
}
