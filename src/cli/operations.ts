// `pacer operations`: the admin API (list, show, create with a first token, change), with
// --admin-token or PACER_ADMIN_TOKEN.
import { parseArgs } from 'node:util';
import type { OperationChange } from '../../packages/client/src/index.ts';
import { adminTarget, commonOptions, pacerClient, UsageError } from './cli-config.ts';
import { pageTable, print, table } from './output.ts';

const columns = ['id', 'name', 'time_zone', 'licenses', 'acw_s'];
const usage = 'pacer operations [list] | show ID | create ID NAME --time-zone ZONE [--licenses N] [--acw S]'
  + ' | update ID [--name NAME] [--time-zone ZONE] [--licenses N] [--acw S]   (--admin-token or PACER_ADMIN_TOKEN)';

function count(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${name} must be a whole number`);
  return n;
}

export async function runOperations(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: {
      ...commonOptions, 'admin-token': { type: 'string' }, name: { type: 'string' }, 'time-zone': { type: 'string' },
      licenses: { type: 'string' }, acw: { type: 'string' },
    },
  });
  const t = adminTarget(values);
  const client = pacerClient(t);
  const [action = 'list', id, name] = positionals;
  const licenses = count(values.licenses, '--licenses');
  const acw = count(values.acw, '--acw');
  if (action === 'list') {
    const page = await client.operations.list({ cursor: values.cursor });
    print(t.json, page, () => pageTable(page, columns));
  } else if (action === 'show' && id) {
    const op = await client.operations.get(id);
    print(t.json, op, () => table([op], columns));
  } else if (action === 'create' && id && name) {
    const zone = values['time-zone'];
    if (!zone) throw new UsageError('--time-zone ZONE is required (an IANA zone such as America/Bogota)');
    const r = await client.operations.create({ id, name, time_zone: zone, ...(licenses === undefined ? {} : { licenses }), ...(acw === undefined ? {} : { acw_s: acw }) });
    print(t.json, r, () => `${table([r.operation], columns)}\nfirst token (shown once, keep it): ${r.token.token}`);
  } else if (action === 'update' && id) {
    const change: OperationChange = { name: values.name, time_zone: values['time-zone'], licenses, acw_s: acw };
    const op = await client.operations.change(id, Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)));
    print(t.json, op, () => table([op], columns));
  } else throw new UsageError(usage);
  return 0;
}
