// Which process holds the SIP lead when several Pacer processes share one PostgreSQL database, and
// the channel the others send it telephony commands on. The lead is a session advisory lock held on
// a connection of its own: a process that dies (even by kill -9) loses its connection, and with it
// the lock, and the next process that asks takes it. The channel is LISTEN/NOTIFY on that same
// connection: nothing to run besides PostgreSQL. Lock and channel are named after the schema, so
// Pacers in different schemas of one database (tests) never meet.
import pg from 'pg';

export interface SipLeadOptions {
  connectionString: string;
  /** The schema this Pacer works in (default `public`). */
  schema: string;
  /** How often a process that does not hold the lead asks for it, in ms. */
  pollMs: number;
  /** This process now holds the lead. */
  onLead(): Promise<void>;
  /** A command sent on the channel (only while this process holds the lead). */
  onCommand(payload: string): void;
  onError(error: unknown, context: string): void;
}

export interface SipLead {
  /** Asks for the lead now, then every `pollMs` until it holds it. */
  start(): Promise<void>;
  readonly leading: boolean;
  /** Sends a command to the process that holds the lead (from any process). */
  send(payload: string): Promise<void>;
  /** Gives the lead up (the connection closes with its lock). */
  stop(): Promise<void>;
}

/** NOTIFY payloads are limited to 8000 bytes by PostgreSQL. */
export const maxCommandBytes = 7900;

export function createSipLead(options: SipLeadOptions): SipLead {
  const channel = `pacer_sip_${options.schema}`;
  const lockName = `pacer-sip:${options.schema}`;
  let client: pg.Client | undefined;
  let sender: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  let leading = false;
  let stopped = false;

  const connect = async () => {
    const c = new pg.Client({ connectionString: options.connectionString });
    c.on('error', (error) => options.onError(error, 'SIP lead connection'));
    await c.connect();
    return c;
  };

  /** Takes the lock if it is free, and listens on the channel; false when another process holds it. */
  const tryLock = async (): Promise<boolean> => {
    client ??= await connect();
    const got = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [lockName]);
    if (!got.rows[0]?.locked) return false;
    client.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) options.onCommand(message.payload);
    });
    // A lost connection is a lost lock: another process may hold it now.
    client.on('end', () => {
      if (!stopped) options.onError(new Error('the SIP lead connection closed: this process no longer holds the lead'), 'SIP lead');
    });
    await client.query(`LISTEN ${channel}`);
    leading = true;
    return true;
  };

  /** Gives the lock back (a lead this process could not take up). */
  const release = async () => {
    leading = false;
    const c = client;
    client = undefined;
    await c?.end().catch(() => undefined);
  };

  return {
    get leading() { return leading; },
    async start() {
      // The first ask: an error (the SIP port taken…) stops the start.
      if (await tryLock()) {
        try {
          await options.onLead();
        } catch (error) {
          await release();
          throw error;
        }
        return;
      }
      let asking = false;
      timer = setInterval(() => {
        if (asking || leading || stopped) return;
        asking = true;
        tryLock().then(async (got) => {
          if (!got) return;
          clearInterval(timer);
          await options.onLead().catch(async (error: unknown) => {
            options.onError(error, 'taking up the SIP lead');
            await release();
          });
        }).catch((error: unknown) => options.onError(error, 'asking for the SIP lead'))
          .finally(() => { asking = false; });
      }, options.pollMs);
    },
    async send(payload) {
      if (Buffer.byteLength(payload) > maxCommandBytes) throw new Error(`a telephony command of ${Buffer.byteLength(payload)} bytes is over the ${maxCommandBytes} a NOTIFY carries`);
      sender ??= await connect();
      await sender.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      for (const c of [client, sender]) await c?.end().catch(() => undefined);
      client = undefined;
      sender = undefined;
      leading = false;
    },
  };
}
