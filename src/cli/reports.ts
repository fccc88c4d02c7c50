// `pacer reports`: the reports of the native API (/v1/reports) for people (a table), for
// scripts (--json) or for a spreadsheet (--csv, one row per line, seconds and shares as numbers).
import { parseArgs } from 'node:util';
import type { AgentTimeReport, CallsReport } from '../../packages/client/src/index.ts';
import { timeArg } from './callbacks.ts';
import { commonOptions, pacerClient, target, UsageError } from './cli-config.ts';
import { csvText, print, table } from './output.ts';

const usage = `pacer reports agent-time --from TIME --to TIME [--agent A] [--bucket 30|60] [--csv]
               | calls --from TIME --to TIME [--connected yes|no] [--agent A] [--campaign C] [--csv]
               TIME: ISO 8601 (2026-03-02T00:00:00-05:00) or relative (-1d); at most 31 days`;

const agentColumns = [
  'agent_id', 'agent_name', 'from', 'to', 'calls', 'ready_s', 'ringing_s', 'talking_s', 'held_s', 'acw_s', 'aux_s', 'logged_in_s', 'handle_avg_s', 'occupancy', 'first_login', 'last_logout',
];
const callColumns = ['id', 'placed_at', 'agent_id', 'agent_name', 'campaign_id', 'customer_id', 'phone', 'origin', 'result', 'talk_s', 'cod_act', 'cod_act_2', 'ended_by'];

/** A time argument: ISO 8601, or relative to now, backwards too (`-1d`). */
function when(raw: string | undefined, name: string): string {
  if (raw === undefined) throw new UsageError(`--${name} is required\n${usage}`);
  const back = /^-(\d{1,6})([smhd])$/.exec(raw);
  if (!back) return timeArg(raw, Date.now());
  const unitS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
  return new Date(Date.now() - Number(back[1]) * (unitS[back[2] ?? 's'] ?? 1) * 1000).toISOString();
}

const rounded = (n: number | null) => (n === null ? null : Math.round(n * 1000) / 1000);

function agentRows(r: AgentTimeReport) {
  return r.rows.map((row) => ({ ...row, occupancy: rounded(row.occupancy), handle_avg_s: rounded(row.handle_avg_s) }));
}

export async function runReports(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: {
      ...commonOptions, from: { type: 'string' }, to: { type: 'string' }, agent: { type: 'string' }, bucket: { type: 'string' },
      connected: { type: 'string' }, campaign: { type: 'string' }, csv: { type: 'boolean', default: false },
    },
  });
  const t = target(values);
  const client = pacerClient(t);
  const [report] = positionals;
  const range = { from: when(values.from, 'from'), to: when(values.to, 'to') };
  const out = (value: unknown, rows: object[], columns: string[], human: () => string) => {
    if (values.csv) process.stdout.write(csvText(rows, columns));
    else print(t.json, value, human);
  };
  if (report === 'agent-time') {
    if (values.bucket !== undefined && values.bucket !== '30' && values.bucket !== '60') throw new UsageError('--bucket is 30 or 60 (minutes)');
    const r = await client.reports.agentTime({ ...range, ...(values.agent ? { agent_id: values.agent } : {}), ...(values.bucket ? { bucket: Number(values.bucket) as 30 | 60 } : {}) });
    const rows = agentRows(r);
    out(r, rows, agentColumns, () => `agent time ${r.from} to ${r.to} (${r.time_zone})\n${table(rows, agentColumns)}`);
  } else if (report === 'calls') {
    if (values.connected !== undefined && values.connected !== 'yes' && values.connected !== 'no') throw new UsageError('--connected is yes or no');
    const r: CallsReport = await client.reports.calls({
      ...range, ...(values.connected ? { connected: values.connected === 'yes' } : {}), ...(values.agent ? { agent_id: values.agent } : {}),
      ...(values.campaign ? { campaign_id: values.campaign } : {}),
    });
    out(r, r.calls, callColumns, () => `calls ${r.from} to ${r.to} (${r.time_zone})\n${table(r.calls, callColumns)}`);
  } else {
    throw new UsageError(usage);
  }
  return 0;
}
