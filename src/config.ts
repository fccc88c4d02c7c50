// Configuration: one validated object, read once at start from the environment. Nothing else in
// Pacer reads process.env.
import { parseSipHost } from './domain/sip-uri.ts';

export interface Config {
  host: string;
  port: number;
  /** PostgreSQL connection string; when unset, the embedded store in `dataDir` is used. */
  databaseUrl: string | null;
  dataDir: string;
  /** Requests a token may have in flight at once (wolkvox: 2; 1 reproduces the older rule). */
  tokenConcurrency: number;
  /** Daily quota per token as a multiple of the operation's licenses (wolkvox: licenses × 1000). */
  quotaPerLicense: number;
  demoToken: string | null;
  /** The demo users' password (PACER_DEMO_PASSWORD); null: a random one, printed once. */
  demoPassword: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** Database connections per process (PostgreSQL only; the embedded store has one). */
  poolSize: number;
  /** Bearer token of the admin API (/v1/operations); null turns that API off. */
  adminToken: string | null;
  /** Seconds an auto callback waits for its own agent before any ready agent may take it (SPEC §5). */
  callbackTakeoverS: number;
  /** Seconds a client has to send a whole request (headers and body); then its connection is closed. */
  requestTimeoutS: number;
  /** Seconds any one database statement may run before the database cancels it. */
  statementTimeoutS: number;
  /** Requests per second one token may make on the native API (bursts of twice that), per process. */
  nativeRatePerSecond: number;
  /** Webhooks may go to loopback, private and other non-public addresses (a self-hosted network). */
  webhookAllowPrivate: boolean;
  sessionIdleMinutes: number;
  /** The carrier: `sim`, the simulated one (the default), or `sip`, real calls (src/adapters/telephony/sip). */
  telephony: 'sim' | 'sip';
  /** Where the SIP stack listens (UDP and TCP): an IPv4 or IPv6 address (without brackets) and a port. */
  sipListen: { address: string; port: number };
  /** The host or address Pacer writes in Via, Contact and SDP when it is behind NAT; null: the listen address. */
  sipPublicAddress: string | null;
  /** Trunks and agent phones may be on loopback, private and other non-public addresses. */
  sipAllowPrivate: boolean;
  /**
   * The proxies whose X-Forwarded-For Pacer believes (PACER_TRUST_PROXY: their addresses or
   * CIDR ranges, comma-separated); empty: none, the client is the address that connected.
   */
  trustProxy: string[];
}

export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (raw !== 'true' && raw !== 'false') throw new ConfigError(`${name} must be true or false, got "${raw}"`);
  return raw === 'true';
}

/** Addresses or CIDR ranges of trusted proxies; `true` or a bare hop count would trust anyone who sends the header. */
function trustedProxies(raw: string | undefined): string[] {
  const items = (raw ?? '').split(',').map((x) => x.trim()).filter((x) => x !== '');
  for (const item of items) {
    if (!/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(item) || !/[.:]/.test(item)) {
      throw new ConfigError(`PACER_TRUST_PROXY must list the proxies' addresses or CIDR ranges, comma-separated (127.0.0.1,10.0.0.0/8), got "${item}"`);
    }
  }
  return items;
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const;

function adminToken(raw: string | undefined): string | null {
  const token = raw?.trim();
  if (!token) return null;
  if (token.length < 16) throw new ConfigError('PACER_ADMIN_TOKEN must be at least 16 characters (it creates operations and their tokens)');
  return token;
}

function telephony(raw: string | undefined): Config['telephony'] {
  const mode = raw?.trim() || 'sim';
  if (mode !== 'sim' && mode !== 'sip') throw new ConfigError(`PACER_TELEPHONY must be sim or sip, got "${raw}"`);
  return mode;
}

/** `address:port`: an IPv4 address, or an IPv6 one in brackets; the port 1–65535. */
function sipListen(raw: string | undefined): Config['sipListen'] {
  const text = raw?.trim() || '127.0.0.1:5060';
  const colon = text.lastIndexOf(':');
  const host = parseSipHost(text.slice(0, colon));
  const port = text.slice(colon + 1);
  if (colon === -1 || !host || host.hostKind === 'name' || !/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
    throw new ConfigError(`PACER_SIP_LISTEN must be address:port, an IPv4 address or an [IPv6] one and a port from 1 to 65535 (127.0.0.1:5060, 0.0.0.0:5060, [::]:5060), got "${raw}"`);
  }
  return { address: host.hostKind === 'ipv6' ? host.host.slice(1, -1) : host.host, port: Number(port) };
}

/** A host name or an address (IPv6 with or without brackets), no port. */
function sipPublicAddress(raw: string | undefined): string | null {
  const text = raw?.trim();
  if (!text) return null;
  const host = parseSipHost(text) ?? (text.includes(':') && !text.startsWith('[') ? parseSipHost(`[${text}]`) : undefined);
  if (!host) throw new ConfigError(`PACER_SIP_PUBLIC_ADDRESS must be a host name, an IPv4 address or an IPv6 address, without a port, got "${raw}"`);
  return host.hostKind === 'ipv6' ? host.host.slice(1, -1) : host.host;
}

function demoPassword(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  if (raw.length < 8 || raw.length > 128) throw new ConfigError('PACER_DEMO_PASSWORD must be 8 to 128 characters (the demo users sign in with it)');
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!(logLevels as readonly string[]).includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${logLevels.join(', ')}, got "${logLevel}"`);
  }
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql://, got "${databaseUrl}"`);
  }
  return {
    host: env.HOST?.trim() || '127.0.0.1',
    port: integer(env, 'PORT', 8080, 0, 65535),
    databaseUrl,
    dataDir: env.PACER_DATA_DIR?.trim() || './.data',
    tokenConcurrency: integer(env, 'PACER_TOKEN_CONCURRENCY', 2, 1, 100),
    quotaPerLicense: integer(env, 'PACER_QUOTA_PER_LICENSE', 1000, 1, 1_000_000),
    demoToken: env.PACER_DEMO_TOKEN?.trim() || null,
    demoPassword: demoPassword(env.PACER_DEMO_PASSWORD),
    logLevel: logLevel as Config['logLevel'],
    poolSize: integer(env, 'PACER_DB_POOL', 10, 1, 200),
    callbackTakeoverS: integer(env, 'PACER_CALLBACK_TAKEOVER_S', 600, 0, 7 * 86400),
    adminToken: adminToken(env.PACER_ADMIN_TOKEN),
    requestTimeoutS: integer(env, 'PACER_REQUEST_TIMEOUT_S', 30, 1, 3600),
    statementTimeoutS: integer(env, 'PACER_STATEMENT_TIMEOUT_S', 30, 1, 86_400),
    nativeRatePerSecond: integer(env, 'PACER_NATIVE_RATE', 50, 1, 100_000),
    webhookAllowPrivate: boolean(env, 'PACER_WEBHOOK_ALLOW_PRIVATE', false),
    sessionIdleMinutes: integer(env, 'PACER_SESSION_IDLE_MIN', 60, 1, 7 * 24 * 60),
    telephony: telephony(env.PACER_TELEPHONY),
    sipListen: sipListen(env.PACER_SIP_LISTEN),
    sipPublicAddress: sipPublicAddress(env.PACER_SIP_PUBLIC_ADDRESS),
    sipAllowPrivate: boolean(env, 'PACER_SIP_ALLOW_PRIVATE', false),
    trustProxy: trustedProxies(env.PACER_TRUST_PROXY),
  };
}
