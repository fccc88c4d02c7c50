// `pacer outbound-policy`: which numbers the operation may call — show it, or change parts of it.
import { parseArgs } from 'node:util';
import type { OutboundPolicy, OutboundPolicyRequest } from '../../packages/client/src/index.ts';
import { commonOptions, pacerClient, target, UsageError } from './cli-config.ts';
import { print } from './output.ts';

const usage = 'pacer outbound-policy [show] | set [--country-code N] [--min-digits N] [--allow P,...|none] [--block P,...|none]';

const prefixes = (raw: string) => (raw === 'none' ? [] : raw.split(',').map((p) => p.trim()));

function describe(p: OutboundPolicy): string {
  const list = (l: string[]) => (l.length ? l.join(', ') : '(any)');
  return [
    `country code      ${p.country_code}`,
    `min digits        ${p.min_digits} (shorter numbers are service numbers; emergency numbers are never dialled)`,
    `allowed prefixes  ${list(p.allowed_prefixes)}`,
    `blocked prefixes  ${p.blocked_prefixes.length ? p.blocked_prefixes.join(', ') : '(none)'}`,
  ].join('\n');
}

export async function runOutboundPolicy(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: { ...commonOptions, 'country-code': { type: 'string' }, 'min-digits': { type: 'string' }, allow: { type: 'string' }, block: { type: 'string' } },
  });
  const t = target(values);
  const client = pacerClient(t);
  const [action = 'show'] = positionals;
  if (action === 'show') {
    const policy = await client.outboundPolicy.get();
    print(t.json, policy, () => describe(policy));
  } else if (action === 'set') {
    // A change of some fields keeps the others as they are (PUT replaces the whole policy).
    const current = await client.outboundPolicy.get();
    const minDigits = values['min-digits'];
    if (minDigits !== undefined && !/^\d{1,2}$/.test(minDigits)) throw new UsageError(`--min-digits is a number, got "${minDigits}"`);
    const next: OutboundPolicyRequest = {
      country_code: values['country-code'] ?? current.country_code,
      min_digits: minDigits === undefined ? current.min_digits : Number(minDigits),
      allowed_prefixes: values.allow === undefined ? current.allowed_prefixes : prefixes(values.allow),
      blocked_prefixes: values.block === undefined ? current.blocked_prefixes : prefixes(values.block),
    };
    const policy = await client.outboundPolicy.set(next);
    print(t.json, policy, () => describe(policy));
  } else {
    throw new UsageError(usage);
  }
  return 0;
}
