// Records loaded from a CSV file chosen in the browser: read with the CLI's own reader
// (@pacer/client readCsvRecords), sent in batches (POST /v1/campaigns/{id}/records) one after the
// other so that the progress bar is the rows the server has answered, and every rejected row
// listed by its line in the file with the server's reason. A batch refused as a whole (every row
// of it bad) rejects its rows with that reason; any other refusal stops the load and says where.
import { useRef, useState } from 'preact/hooks';
import { CsvError, PacerApiError, readCsvRecords, rejectedLines, type Campaign, type CsvRecord, type RejectedLine } from '@pacer/client';
import { describeProblem } from './pages.tsx';
import type { PageProps } from './Supervisor.tsx';

/** Rejected rows listed on the page; the count says how many more there are. */
const shownRejected = 1000;
/** Rows per request: small enough that the bar moves on a file of a few thousand rows, far under the 10,000 a request takes. */
const batchSize = 500;

export function RecordsUpload({ client, t, onEnded, campaigns }: PageProps & { campaigns: Campaign[] }) {
  const [campaignId, setCampaignId] = useState('');
  const file = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | undefined>(undefined);
  const [rejected, setRejected] = useState<RejectedLine[]>([]);
  const [summary, setSummary] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const read = async (chosen: File): Promise<CsvRecord[] | undefined> => {
    const rows: CsvRecord[] = [];
    try {
      for await (const row of readCsvRecords([await chosen.text()])) rows.push(row);
    } catch (e) {
      if (!(e instanceof CsvError)) throw e;
      setError(e.kind === 'open-quote' ? t.csvOpenQuote(e.line) : t.csvNoCustomerId(e.line));
      return undefined;
    }
    if (rows.length === 0) setError(t.csvEmpty);
    return rows.length === 0 ? undefined : rows;
  };

  const load = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    setSummary(undefined);
    setRejected([]);
    setProgress(undefined);
    const chosen = file.current?.files?.[0];
    if (campaignId === '') return setError(t.needCampaign);
    if (!chosen) return setError(t.needFile);
    setBusy(true);
    try {
      const rows = await read(chosen);
      if (!rows) return;
      const total = rows.length;
      let added = 0;
      let updated = 0;
      const bad: RejectedLine[] = [];
      setProgress({ done: 0, total });
      for (let start = 0; start < total; start += batchSize) {
        const batch = rows.slice(start, start + batchSize);
        try {
          const answer = await client.records.load(campaignId, batch.map((r) => r.record));
          added += answer.added;
          updated += answer.updated;
          bad.push(...rejectedLines(batch, answer));
        } catch (refusal) {
          if (refusal instanceof PacerApiError && refusal.code === 'BAD_VALUE') bad.push(...rejectedLines(batch, { refusal: refusal.message }));
          else {
            if (refusal instanceof PacerApiError && refusal.code === 'SESSION_INVALID') onEnded(refusal);
            setError(describeProblem(t, refusal));
            setSummary(t.loadStopped(start, total));
            return;
          }
        } finally {
          setRejected([...bad]);
        }
        setProgress({ done: start + batch.length, total });
      }
      setSummary(t.loadSummary(added, updated, bad.length));
    } catch (problem) {
      setError(describeProblem(t, problem));
    } finally {
      setBusy(false);
    }
  };

  const percent = progress ? Math.floor((100 * progress.done) / Math.max(progress.total, 1)) : 0;
  return (
    <form class="card" onSubmit={(e) => void load(e)} aria-labelledby="load-heading">
      <h2 id="load-heading">{t.loadRecords}</h2>
      <div class="field">
        <label for="load-campaign">{t.loadInto}</label>
        <select id="load-campaign" value={campaignId} onChange={(e) => setCampaignId(e.currentTarget.value)}>
          <option value="">{t.chooseCampaign}</option>
          {campaigns.map((c) => <option key={c.id} value={c.id}>{c.name} ({c.id})</option>)}
        </select>
      </div>
      <div class="field">
        <label for="load-file">{t.csvFile}</label>
        <input id="load-file" ref={file} type="file" accept=".csv,text/csv" aria-describedby="load-hint" />
        <p id="load-hint" class="hint">{t.csvHint}</p>
      </div>
      <button type="submit" class="primary" disabled={busy}>{busy ? t.loading2 : t.load}</button>
      {progress && (
        <div class="field progress">
          <label for="load-progress">{t.loadProgress}</label>
          <progress id="load-progress" max={progress.total} value={progress.done} aria-valuetext={t.progressText(progress.done, progress.total, percent)} />
          <span data-testid="load-progress-text">{t.progressText(progress.done, progress.total, percent)}</span>
        </div>
      )}
      {error !== undefined && <p class="error" role="alert">{error}</p>}
      {summary !== undefined && <p class="saved" role="status">{summary}</p>}
      {rejected.length > 0 && (
        <table class="compact">
          <caption>{t.rejectedRows}</caption>
          <thead><tr><th scope="col">{t.lineColumn}</th><th scope="col">{t.customerIdColumn}</th><th scope="col">{t.reasonColumn}</th></tr></thead>
          <tbody>
            {rejected.slice(0, shownRejected).map((r) => <tr key={r.line}><th scope="row">{r.line}</th><td>{r.customer_id ?? '—'}</td><td>{r.reason}</td></tr>)}
          </tbody>
        </table>
      )}
      {rejected.length > shownRejected && <p class="hint">{t.moreRejected(rejected.length - shownRejected)}</p>}
    </form>
  );
}
