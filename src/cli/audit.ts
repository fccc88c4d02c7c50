// `pacer audit-log` and `pacer allowed-addresses`: who changed the operation, and which addresses
// its tokens may be used from (admin tokens).
import { parseArgs } from 'node:util';
import { commonOptions, pacerClient, target, UsageError } from './cli-config.ts';
import { print, table } from './output.ts';

export async function runAuditLog(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...commonOptions, from: { type: 'string' }, to: { type: 'string' } } });
  if (positionals.length > 0) throw new UsageError('pacer audit-log [--from ISO_TIME] [--to ISO_TIME]   (by default the last day; at most 31 days)');
  const t = target(values);
  const page = await pacerClient(t).auditLog.list({ from: values.from, to: values.to });
  print(t.json, page, () => table(page.data, ['at', 'who', 'address', 'via', 'action', 'target']));
  return 0;
}

const usage = 'pacer allowed-addresses [list] | add ADDRESS [--permanent] [--description D] | remove ADDRESS';

export async function runAllowedAddresses(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, options: { ...commonOptions, permanent: { type: 'boolean' }, description: { type: 'string' } },
  });
  const t = target(values);
  const client = pacerClient(t);
  const [action = 'list', arg] = positionals;
  if (action === 'list') {
    const page = await client.allowedAddresses.list();
    print(t.json, page, () => table(page.data, ['address', 'permanent', 'expires_at', 'last_used_at', 'description']));
  } else if (action === 'add' && arg) {
    const added = await client.allowedAddresses.add({ address: arg, permanent: values.permanent ?? false, description: values.description });
    print(t.json, added, () => `${added.address} allowed ${added.permanent ? 'for good' : `until ${added.expires_at ?? ''}`}: the operation's tokens are refused from any address not listed`);
  } else if (action === 'remove' && arg) {
    await client.allowedAddresses.remove(arg);
    print(t.json, { removed: arg }, () => `${arg} removed`);
  } else {
    throw new UsageError(usage);
  }
  return 0;
}
