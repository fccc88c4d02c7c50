// `pacer trunks`: the operation's SIP trunks — list, add, show, change, remove — and the secret
// that may come with them: `--password -` reads it from standard input, so that it is in neither
// the shell's history nor the process list. Pacer never shows a password back (has_password).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { NewTrunkRequest, Trunk, TrunkChange } from '../../packages/client/src/index.ts';
import { commonOptions, pacerClient, target, UsageError } from './cli-config.ts';
import { pageTable, print, table } from './output.ts';

const columns = ['id', 'uri', 'default', 'username', 'has_password', 'caller_id', 'max_calls', 'prefix', 'strip', 'ring_timeout_s'];
const flags = '[--username U --password P|-] [--caller-id N] [--max-calls N] [--prefix DIGITS] [--strip N] [--ring-timeout S]';
const usage = `pacer trunks [list] | add URI ${flags} | show ID | change ID [--uri URI] ${flags} | remove ID\n`
  + '  change: --username none clears the credentials, --caller-id none and --max-calls none clear those; --password - reads it from standard input';

/** A password flag: the value, or with `-` the first line of standard input. */
export function passwordArg(raw: string, stdin: () => string = () => readFileSync(0, 'utf8')): string {
  if (raw !== '-') return raw;
  const line = stdin().split(/\r?\n/)[0] ?? '';
  if (line === '') throw new UsageError('--password -: standard input has no password on its first line');
  return line;
}

function integerArg(raw: string, flag: string): number {
  if (!/^\d{1,6}$/.test(raw)) throw new UsageError(`${flag} is a whole number, got "${raw}"`);
  return Number(raw);
}

type Flags = Partial<Record<'uri' | 'username' | 'password' | 'caller-id' | 'max-calls' | 'prefix' | 'strip' | 'ring-timeout', string>>;

/** The fields the flags set; `none` clears what may be cleared (a change only). */
function fieldsOf(v: Flags, change: boolean): TrunkChange {
  const clear = (raw: string | undefined, flag: string) => {
    if (raw !== 'none') return false;
    if (!change) throw new UsageError(`${flag} none clears a field of an existing trunk: use it with change`);
    return true;
  };
  const fields: TrunkChange = {};
  if (v.uri !== undefined) fields.uri = v.uri;
  if (clear(v.username, '--username')) {
    if (v.password !== undefined) throw new UsageError('--username none clears the password too: give no --password');
    fields.username = null;
    fields.password = null;
  } else {
    if (v.username !== undefined) fields.username = v.username;
    if (v.password !== undefined) fields.password = passwordArg(v.password);
  }
  const callerId = v['caller-id'];
  if (callerId !== undefined) fields.caller_id = clear(callerId, '--caller-id') ? null : callerId;
  const maxCalls = v['max-calls'];
  if (maxCalls !== undefined) fields.max_calls = clear(maxCalls, '--max-calls') ? null : integerArg(maxCalls, '--max-calls');
  if (v.prefix !== undefined) fields.prefix = v.prefix;
  if (v.strip !== undefined) fields.strip = integerArg(v.strip, '--strip');
  if (v['ring-timeout'] !== undefined) fields.ring_timeout_s = integerArg(v['ring-timeout'], '--ring-timeout');
  return fields;
}

export async function runTrunks(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: {
      ...commonOptions, limit: { type: 'string' }, uri: { type: 'string' }, username: { type: 'string' }, password: { type: 'string' },
      'caller-id': { type: 'string' }, 'max-calls': { type: 'string' }, prefix: { type: 'string' }, strip: { type: 'string' }, 'ring-timeout': { type: 'string' },
    },
  });
  const t = target(values);
  const client = pacerClient(t);
  const [action = 'list', arg] = positionals;
  const show = (trunk: Trunk, what?: string) => print(t.json, trunk, () => `${what ? `${what}\n` : ''}${table([trunk], columns)}`);

  if (action === 'list') {
    const page = await client.trunks.list({ limit: values.limit ? integerArg(values.limit, '--limit') : undefined, cursor: values.cursor });
    print(t.json, page, () => pageTable(page, columns));
    return 0;
  }
  if (!arg) throw new UsageError(usage);
  if (action === 'add') {
    if (values.uri !== undefined) throw new UsageError('pacer trunks add URI: the URI is the first argument, not --uri');
    const trunk = await client.trunks.create({ ...fieldsOf(values, false), uri: arg } as NewTrunkRequest);
    show(trunk, `trunk ${trunk.id} added${trunk.default ? ' (the default)' : ''}`);
  } else if (action === 'show') {
    show(await client.trunks.get(arg));
  } else if (action === 'change') {
    const fields = fieldsOf(values, true);
    if (Object.keys(fields).length === 0) throw new UsageError(`pacer trunks change ID needs a field to change: ${flags}`);
    show(await client.trunks.change(arg, fields), `trunk ${arg} changed`);
  } else if (action === 'remove') {
    await client.trunks.remove(arg);
    print(t.json, { removed: arg }, () => `trunk ${arg} removed`);
  } else {
    throw new UsageError(`unknown trunks action "${action}": ${usage}`);
  }
  return 0;
}
