// `pacer callbacks`: list (with filters), show, reschedule and cancel callbacks.
import { parseArgs } from 'node:util';
import { callbackStatuses, type Callback, type CallbackStatus } from '../../packages/client/src/index.ts';
import { commonOptions, pacerClient, target, UsageError } from './cli-config.ts';
import { pageTable, print, table } from './output.ts';

const columns = ['id', 'agent_id', 'campaign_id', 'customer_id', 'phone', 'due_at', 'type', 'status', 'fired_at', 'call_id'];
const usage = 'pacer callbacks [list] [--agent A] [--campaign C] [--status S] [--from TIME] [--to TIME] [--limit N] [--cursor C] | show ID | reschedule ID TIME | cancel ID';
const units: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** An ISO 8601 time, or one relative to `now` (`+30m`, `+2h`, `+1d`), as ISO 8601. */
export function timeArg(raw: string, now: number): string {
  const relative = /^\+(\d{1,6})([smhd])$/.exec(raw);
  if (relative) return new Date(now + Number(relative[1]) * (units[relative[2] ?? 's'] ?? 1000)).toISOString();
  const at = Date.parse(raw);
  if (Number.isNaN(at) || !/^\d{4}-\d{2}-\d{2}T/.test(raw)) throw new UsageError(`"${raw}" is neither an ISO 8601 time (2026-03-02T10:30:00-05:00) nor +N[s|m|h|d]`);
  return raw;
}

const one = (json: boolean, cb: Callback, what: string) => print(json, cb, () => `${what}\n${table([cb], columns)}`);

export async function runCallbacks(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: {
      ...commonOptions, agent: { type: 'string' }, campaign: { type: 'string' }, status: { type: 'string' },
      from: { type: 'string' }, to: { type: 'string' }, limit: { type: 'string' },
    },
  });
  const t = target(values);
  const client = pacerClient(t);
  const [action = 'list', id, when] = positionals;
  if (action === 'list') {
    const status = values.status;
    if (status !== undefined && !(callbackStatuses as readonly string[]).includes(status)) throw new UsageError(`--status is one of ${callbackStatuses.join(', ')}`);
    const page = await client.callbacks.list({
      agent: values.agent, campaign: values.campaign, status: status as CallbackStatus | undefined,
      from: values.from === undefined ? undefined : timeArg(values.from, Date.now()), to: values.to === undefined ? undefined : timeArg(values.to, Date.now()),
      limit: values.limit ? Number(values.limit) : undefined, cursor: values.cursor,
    });
    print(t.json, page, () => pageTable(page, columns));
    return 0;
  }
  if (!id) throw new UsageError(usage);
  if (action === 'show') {
    const cb = await client.callbacks.get(id);
    print(t.json, cb, () => table([cb], columns));
  } else if (action === 'reschedule') {
    if (!when) throw new UsageError('pacer callbacks reschedule ID TIME (ISO 8601, or +30m, +2h, +1d)');
    one(t.json, await client.callbacks.reschedule(id, timeArg(when, Date.now())), `callback ${id} rescheduled`);
  } else if (action === 'cancel') {
    one(t.json, await client.callbacks.cancel(id), `callback ${id} cancelled`);
  } else {
    throw new UsageError(`unknown callbacks action "${action}": ${usage}`);
  }
  return 0;
}
