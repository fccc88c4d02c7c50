// Where the CLI finds Pacer and its token: flags first, then PACER_URL / PACER_TOKEN. The only
// place the CLI reads the environment.
import { PacerClient, WolkvoxClient } from '../../packages/client/src/index.ts';

export interface CliTarget {
  url: string;
  token: string;
  json: boolean;
}

export class UsageError extends Error {}

export function target(flags: { url?: string; token?: string; json?: boolean }): CliTarget {
  const url = flags.url ?? process.env.PACER_URL ?? 'http://127.0.0.1:8080';
  const token = flags.token ?? process.env.PACER_TOKEN;
  if (!token) throw new UsageError('a token is needed: --token TOKEN or PACER_TOKEN');
  if (!/^https?:\/\//.test(url)) throw new UsageError(`--url must be an http(s) URL, got "${url}"`);
  return { url, token, json: flags.json ?? false };
}

/** The admin API's target: --admin-token or PACER_ADMIN_TOKEN instead of an operation's token. */
export function adminTarget(flags: { url?: string; 'admin-token'?: string; json?: boolean }): CliTarget {
  const token = flags['admin-token'] ?? process.env.PACER_ADMIN_TOKEN;
  if (!token) throw new UsageError('the admin token is needed: --admin-token TOKEN or PACER_ADMIN_TOKEN (as the server was started with)');
  return target({ url: flags.url, token, json: flags.json });
}

export const pacerClient = (t: CliTarget) => new PacerClient({ baseUrl: t.url, token: t.token });
export const wolkvoxClient = (t: CliTarget) => new WolkvoxClient({ baseUrl: t.url, token: t.token });

/** Options every networked command takes. */
export const commonOptions = {
  url: { type: 'string' },
  token: { type: 'string' },
  json: { type: 'boolean' },
  /** Where a list resumes: the next_cursor of the page before. */
  cursor: { type: 'string' },
} as const;
