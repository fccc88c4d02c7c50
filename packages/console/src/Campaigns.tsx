// The campaigns page: every campaign with its type, status and speed, Start/Stop and the speed
// (PATCH /v1/campaigns/{id}), its live figures (GET /v1/campaigns/{id}/stats: lines in flight,
// answers, abandon rate against its target and the ceiling, agent utilisation, records left, and
// why it is not dialling), a panel with one campaign's figures and charts of its day, a new
// campaign, and records loaded from a CSV file. Live: campaign events read the list again; events
// that name a campaign read its figures again (campaign-reads.ts says how deliberately).
import { useCallback, useRef, useState } from 'preact/hooks';
import { campaignTypes, type Campaign, type CampaignStats, type CampaignType, type SeriesBucketMinutes } from '@pacer/client';
import { useCampaignSeries, useCampaignStats } from './campaign-reads.ts';
import { AbandonFigures, CampaignPanel, DiallingLine, RecordsLeft } from './CampaignPanel.tsx';
import { formatCount, formatShare } from './figures.ts';
import type { PageTexts } from './i18n.ts';
import { useLiveRefresh, type Changed } from './live.ts';
import { OutcomeLine, readAll, useAction } from './pages.tsx';
import { RecordsUpload } from './RecordsUpload.tsx';
import type { PageProps } from './Supervisor.tsx';

const liveTypes = ['campaign.', 'call.'];

/** A change of a campaign itself (not only of why it dials or not): the list is read again. */
const listChanged = (changed: Changed) => changed === undefined || [...changed].some((type) => type.startsWith('campaign.') && type !== 'campaign.dialling');

export function Campaigns({ client, t, onEnded }: PageProps) {
  const [campaigns, setCampaigns] = useState<Campaign[] | undefined>(undefined);
  const [open, setOpen] = useState<string | undefined>(undefined);
  const { outcome, busy, run } = useAction(t, onEnded);
  const figures = useCampaignStats(client, onEnded);
  // The status each campaign had at the last reading of the list: a campaign seen for the first
  // time, or started or stopped since, has its figures read at once (someone waits to see it).
  const statusSeen = useRef(new Map<string, Campaign['status']>());
  const [bucket, setBucket] = useState<SeriesBucketMinutes>(15);
  const series = useCampaignSeries(client, open, bucket, onEnded);
  const openRef = useRef({ open, ask: series.ask });
  openRef.current = { open, ask: series.ask };

  const readList = useCallback(async () => {
    const all = await readAll((cursor) => client.campaigns.list({ limit: 500, ...(cursor ? { cursor } : {}) }));
    setCampaigns(all);
    for (const c of all) {
      if (statusSeen.current.get(c.id) === c.status) continue;
      statusSeen.current.set(c.id, c.status);
      figures.ask(c.id, true);
    }
  }, [client, figures.ask]);

  const refresh = useCallback(async (changed: Changed, named: ReadonlySet<string>) => {
    if (listChanged(changed)) await readList();
    for (const id of named) figures.ask(id);
    const panel = openRef.current;
    if (panel.open !== undefined && named.has(panel.open)) panel.ask();
  }, [readList, figures.ask]);
  useLiveRefresh(client, liveTypes, refresh, onEnded);

  figures.watch([...(campaigns ?? []).filter((c) => c.status === 'started').map((c) => c.id), ...(open === undefined ? [] : [open])]);

  /** A change, then the list read again (the stream would bring it too, a moment later). */
  const change = (action: () => Promise<string | undefined>) => run(async () => {
    const done = await action();
    await readList();
    return done;
  });

  const zone = [...figures.stats.values()][0]?.time_zone;
  const opened = campaigns?.find((c) => c.id === open);
  return (
    <>
      <OutcomeLine outcome={outcome} />
      {campaigns === undefined ? <p role="status">{t.loading}</p> : campaigns.length === 0 ? <p class="hint">{t.noCampaigns}</p> : (
        <table class="card wide campaigns">
          <caption>{t.nav.campaigns}</caption>
          <thead>
            <tr>
              <th scope="col">{t.nameColumn}</th><th scope="col">{t.idColumn}</th><th scope="col">{t.typeColumn}</th>
              <th scope="col">{t.statusColumn}</th><th scope="col">{t.speedColumn}</th>
              <th scope="col" class="num">{t.linesColumn}</th><th scope="col" class="num">{t.answeredHead} <span class="sub">{t.windows}</span></th>
              <th scope="col" class="num">{t.abandonHead} <span class="sub">{t.windows}</span></th>
              <th scope="col" class="num">{t.utilisationHead} <span class="sub">{t.windows}</span></th>
              <th scope="col" class="num">{t.recordsColumn}</th><th scope="col">{t.actionsColumn}</th>
            </tr>
          </thead>
          <tbody>
            {campaigns.map((c) => (
              <CampaignRow key={`${c.id}:${c.speed}`} t={t} campaign={c} stats={figures.stats.get(c.id)} busy={busy} open={open === c.id}
                onCharts={() => setOpen(open === c.id ? undefined : c.id)}
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
      <p class="hint">{t.speedHint} {zone !== undefined && t.figuresHint(zone)}</p>
      {opened && (
        <CampaignPanel key={opened.id} t={t} campaign={opened} stats={figures.stats.get(opened.id)} series={series.series}
          bucket={bucket} onBucket={setBucket} onClose={() => setOpen(undefined)} />
      )}
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

interface RowProps {
  t: PageTexts; campaign: Campaign; stats: CampaignStats | undefined; busy: boolean; open: boolean;
  onRun: (status: Campaign['status']) => void; onSpeed: (speed: number) => void; onCharts: () => void;
}

function CampaignRow({ t, campaign: c, stats: s, busy, open, onRun, onSpeed, onCharts }: RowProps) {
  const [speed, setSpeed] = useState(String(c.speed));
  const started = c.status === 'started';
  const pair = (today: string, recent: string) => <>{today}<span class="muted"> · {recent}</span></>;
  return (
    <tr class={open ? 'chosen' : undefined}>
      <th scope="row">{c.name}</th>
      <td>{c.id}</td>
      <td>{t.campaignTypes[c.type]}</td>
      <td>
        <span class={`state ${started ? 'state-ready' : 'state-logout'}`}>{t.campaignStatuses[c.status]}</span>
        {s && <DiallingLine t={t} stats={s} />}
      </td>
      <td>
        <form class="inline" onSubmit={(e) => {
          e.preventDefault();
          onSpeed(Number(speed));
        }}>
          <input type="number" min={0} max={100} step={1} required class="narrow" aria-label={t.speedOf(c.name)} value={speed} onInput={(e) => setSpeed(e.currentTarget.value)} />
          <button type="submit" disabled={busy}>{t.setSpeed}</button>
        </form>
      </td>
      {s ? (
        <>
          <td class="num">{formatCount(s.lines_in_flight, t.locale)}</td>
          <td class="num">{pair(formatCount(s.today.answered, t.locale), formatCount(s.last_30_min.answered, t.locale))}</td>
          <td class="num"><AbandonFigures t={t} stats={s} /></td>
          <td class="num">{pair(formatShare(s.today.agent_utilisation, t.locale), formatShare(s.last_30_min.agent_utilisation, t.locale))}</td>
          <td class="num"><RecordsLeft t={t} stats={s} /></td>
        </>
      ) : <td colSpan={5} class="muted">{t.notRead}</td>}
      <td>
        <div class="buttons tight">
          <button type="button" class={started ? 'danger' : 'primary'} disabled={busy} onClick={() => onRun(started ? 'stopped' : 'started')}>{started ? t.stop : t.start}</button>
          <button type="button" aria-expanded={open} aria-controls={open ? 'campaign-panel' : undefined} aria-label={t.chartsOf(c.name)} onClick={onCharts}>{t.charts}</button>
        </div>
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
