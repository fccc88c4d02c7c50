// The pacing channel between processes sharing a PostgreSQL database: each LISTENs on its schema's
// channel on a connection of its own and hears the other processes' messages (the outcomes of the
// campaigns it paces, wake-ups). NOTIFY is sent inside the transaction that made the change
// (./pacing.ts), so a message goes out exactly when the change commits. A lost connection is
// reconnected; messages sent meanwhile are lost, which the engine is told (it then rebuilds its
// strategies from the database).
import pg from 'pg';
import type { PacingChannel, PacingMessage } from '../../engine/ports/pacing.ts';
import type { PacingEvent } from '../../domain/pacing/strategy.ts';

export const pacingChannelName = (schema: string) => `pacer_pacing_${schema}`;

export function encodePacingMessage(from: string, message: PacingMessage): string {
  return JSON.stringify({ from, ...message });
}

const eventTypes: ReadonlySet<string> = new Set<PacingEvent['type']>(['dial', 'answer', 'fail', 'connect', 'abandon', 'end', 'acwEnd']);

/** The message and who sent it; undefined when it is not one (never acted on). */
export function decodePacingMessage(payload: string): { from: string; message: PacingMessage } | undefined {
  let m: unknown;
  try {
    m = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof m !== 'object' || m === null) return undefined;
  const o = m as Record<string, unknown>;
  if (typeof o.from !== 'string') return undefined;
  if (o.kind === 'wake') return { from: o.from, message: { kind: 'wake' } };
  const e = o.event as Record<string, unknown> | null | undefined;
  if (o.kind !== 'outcome' || typeof o.operationId !== 'string' || typeof o.campaignId !== 'string' || typeof o.callId !== 'string'
    || typeof e !== 'object' || e === null || typeof e.type !== 'string' || !eventTypes.has(e.type) || typeof e.tS !== 'number') return undefined;
  return { from: o.from, message: { kind: 'outcome', operationId: o.operationId, campaignId: o.campaignId, callId: o.callId, event: e as unknown as PacingEvent } };
}

export interface PacingChannelOptions {
  connectionString: string;
  schema: string;
  /** This process: its own messages come back on the channel and are ignored. */
  processId: string;
  /** How long to wait before connecting again after the connection was lost. */
  retryMs: number;
  onError(error: unknown, context: string): void;
}

/** Wake-ups sent at most this often: a burst of commits is one message. */
const wakeEveryMs = 100;

export function createPacingChannel(options: PacingChannelOptions): PacingChannel {
  const channel = pacingChannelName(options.schema);
  const listeners: ((m: PacingMessage) => void)[] = [];
  const gapListeners: (() => void)[] = [];
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let wakeTimer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: options.connectionString });
    c.on('error', (error) => options.onError(error, 'pacing channel connection'));
    c.on('notification', (n) => {
      if (n.channel !== channel || n.payload === undefined) return;
      const got = decodePacingMessage(n.payload);
      if (!got || got.from === options.processId) return;
      for (const l of listeners) l(got.message);
    });
    c.on('end', () => {
      if (client === c) client = undefined;
      if (stopped) return;
      options.onError(new Error('the pacing channel connection closed; connecting again'), 'pacing channel');
      reconnectLater();
    });
    await c.connect();
    await c.query(`LISTEN ${channel}`);
    client = c;
  };

  const reconnectLater = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect().then(() => {
        for (const l of gapListeners) l();
      }, (error: unknown) => {
        options.onError(error, 'pacing channel reconnect');
        reconnectLater();
      });
    }, options.retryMs);
  };

  return {
    listen: (l) => { listeners.push(l); },
    onGap: (l) => { gapListeners.push(l); },
    wake() {
      if (wakeTimer || stopped) return;
      wakeTimer = setTimeout(() => {
        wakeTimer = undefined;
        client?.query('SELECT pg_notify($1, $2)', [channel, encodePacingMessage(options.processId, { kind: 'wake' })])
          .catch((error: unknown) => options.onError(error, 'pacing wake-up'));
      }, wakeEveryMs);
    },
    start: connect,
    async stop() {
      stopped = true;
      clearTimeout(retry);
      clearTimeout(wakeTimer);
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}
