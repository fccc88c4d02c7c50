// `pacer records import FILE.csv --campaign N`: streams a CSV of records into a campaign through
// add_record, in batches, with a progress line (rate and ETA), a report of every rejected row by
// its line number, and a checkpoint file so an interrupted import resumes where it stopped.
import { createReadStream, existsSync, readFileSync, statSync, writeFileSync, appendFileSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CsvError, readCsvRecords, rejectedLines, WolkvoxError, type CsvRecord, type RejectedLine } from '../../packages/client/src/index.ts';
import { commonOptions, target, UsageError, wolkvoxClient } from './cli-config.ts';

interface Checkpoint { file: string; campaign: string; rowsDone: number; added: number; updated: number; rejected: number }

interface BatchResult { added: number; updated: number; rejected: RejectedLine[] }

export async function runRecordsImport(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: { ...commonOptions, campaign: { type: 'string' }, type: { type: 'string' }, batch: { type: 'string' }, resume: { type: 'boolean' }, quiet: { type: 'boolean' } },
  });
  const [action, file] = positionals;
  if (action !== 'import' || !file) throw new UsageError('pacer records import FILE.csv --campaign N [--type predictive|preview] [--batch 5000] [--resume]');
  if (!values.campaign || !/^\d{1,12}$/.test(values.campaign)) throw new UsageError('--campaign N is required (the campaign id)');
  const type = (values.type ?? 'predictive') as 'predictive' | 'preview';
  if (type !== 'predictive' && type !== 'preview') throw new UsageError('--type must be predictive or preview');
  const batchSize = values.batch ? Number(values.batch) : 5000;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new UsageError('--batch must be an integer from 1 to 10000');
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const t = target(values);
  const client = wolkvoxClient(t);
  const campaign = values.campaign;

  const statePath = `${file}.import-state.json`;
  const rejectsPath = `${file}.rejected.tsv`;
  let state: Checkpoint = { file, campaign, rowsDone: 0, added: 0, updated: 0, rejected: 0 };
  if (values.resume && existsSync(statePath)) {
    const saved = JSON.parse(readFileSync(statePath, 'utf8')) as Checkpoint;
    if (saved.campaign !== campaign) throw new UsageError(`${statePath} is an import into campaign ${saved.campaign}, not ${campaign}`);
    state = saved;
  } else {
    writeFileSync(rejectsPath, 'line\tcustomer_id\treason\n');
  }
  const skip = state.rowsDone;

  const totalBytes = statSync(file).size;
  let bytesRead = 0;
  // utf8 here, not per chunk: the stream's decoder keeps a character split across chunks whole.
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  // Bytes are counted as the parser pulls them: a 'data' listener would switch the stream to
  // flowing mode and read the whole file ahead of the batches (memory growing with the file).
  async function* counted(): AsyncGenerator<string> {
    for await (const chunk of stream as AsyncIterable<string>) {
      bytesRead += Buffer.byteLength(chunk);
      yield chunk;
    }
  }
  const started = Date.now();
  let lastDraw = 0;
  const progress = (final = false) => {
    if (values.quiet || t.json) return;
    const now = Date.now();
    if (!final && now - lastDraw < 250) return;
    lastDraw = now;
    const elapsed = (now - started) / 1000;
    const rate = (state.rowsDone - skip) / Math.max(elapsed, 0.001);
    const fraction = totalBytes ? bytesRead / totalBytes : 1;
    const eta = fraction > 0 && fraction < 1 ? elapsed / fraction - elapsed : 0;
    const width = 30;
    const bar = '#'.repeat(Math.round(fraction * width)).padEnd(width, '.');
    const text = `[${bar}] ${(fraction * 100).toFixed(1)}%  ${state.rowsDone} rows  ${Math.round(rate)}/s  ETA ${Math.ceil(eta)}s  rejected ${state.rejected}`;
    process.stderr.write(process.stderr.isTTY ? `\r${text}` : `${text}\n`);
  };

  const send = async (rows: CsvRecord[]): Promise<BatchResult> => {
    try {
      const answer = await client.campaign.addRecords({ type, campaignId: campaign, records: rows.map((r) => r.record) });
      // add_record's data: [{total_registers, total_added, total_updated, rejected: [{index, customer_id, reason}]}], values as strings.
      const [data] = answer.data ?? [];
      if (!data) throw new Error('add_record answered no counts');
      const rejected = data.rejected.map((x) => ({ index: Number(x.index), customer_id: x.customer_id === '' ? null : x.customer_id, reason: x.reason }));
      return { added: Number(data.total_added), updated: Number(data.total_updated), rejected: rejectedLines(rows, { rejected }) };
    } catch (error) {
      // Every row of the batch was refused: report each, with the server's reason.
      if (error instanceof WolkvoxError && error.status === 400) return { added: 0, updated: 0, rejected: rejectedLines(rows, { refusal: error.message }) };
      throw error;
    }
  };

  const commit = (size: number, r: BatchResult) => {
    state = { ...state, rowsDone: state.rowsDone + size, added: state.added + r.added, updated: state.updated + r.updated, rejected: state.rejected + r.rejected.length };
    if (r.rejected.length) appendFileSync(rejectsPath, r.rejected.map((x) => `${x.line}\t${x.customer_id ?? ''}\t${x.reason.replace(/[\t\n]/g, ' ')}\n`).join(''));
    writeFileSync(statePath, JSON.stringify(state));
    progress();
  };

  let batch: CsvRecord[] = [];
  // One batch in flight while the next one is read. Batches are sent one after the other, so a
  // customer_id repeated further down the file updates the record last, as the file says; and
  // they are committed to the checkpoint in file order.
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async () => {
    const rows = batch;
    batch = [];
    await inFlight;
    inFlight = send(rows).then((r) => commit(rows.length, r));
    // Its failure surfaces at the next await of it; until then it is not an unhandled rejection.
    inFlight.catch(() => undefined);
  };

  try {
    for await (const row of readCsvRecords(counted(), skip)) {
      batch.push(row);
      if (batch.length >= batchSize) await flush();
    }
  } catch (error) {
    if (error instanceof CsvError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
  if (batch.length) await flush();
  await inFlight;
  progress(true);
  if (!values.quiet && !t.json && process.stderr.isTTY) process.stderr.write('\n');
  rmSync(statePath, { force: true });
  const summary = { file, campaign, rows: state.rowsDone, added: state.added, updated: state.updated, rejected: state.rejected, rejected_report: state.rejected ? rejectsPath : null, seconds: (Date.now() - started) / 1000 };
  if (t.json) console.log(JSON.stringify(summary));
  else {
    console.log(`${summary.rows} rows: ${summary.added} added, ${summary.updated} updated, ${summary.rejected} rejected in ${summary.seconds.toFixed(1)} s`);
    if (state.rejected) {
      console.log(`rejected rows (line, customer_id, reason) are in ${rejectsPath}; the first ones:`);
      console.log(readFileSync(rejectsPath, 'utf8').split('\n').slice(1, 11).join('\n'));
    }
  }
  if (!state.rejected) rmSync(rejectsPath, { force: true });
  return state.rejected ? 1 : 0;
}
