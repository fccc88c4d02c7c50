// The statements `pg` is asked to send while some work runs, as the tests that count round trips
// or plan statements see them: text, values, the connection, and which write they leave in (a
// connection's statements of one tick leave together: held-statements.ts, prepared.ts).
import pg from 'pg';

type Query = (this: unknown, ...args: unknown[]) => unknown;
const proto = pg.Client.prototype as unknown as { query: Query };

export interface SentStatement {
  client: unknown;
  text: string;
  values: unknown[];
  /** Statements with the same number left in one write. */
  write: number;
}

export async function sentStatements(run: () => Promise<unknown>): Promise<SentStatement[]> {
  const sent: SentStatement[] = [];
  const open = new Map<unknown, number>();
  let writes = 0;
  const query = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string; values?: unknown[] } | undefined;
    const text = typeof first === 'string' ? first : first?.text ?? '';
    const values = typeof first === 'string' ? (args[1] as unknown[] | undefined) ?? [] : first?.values ?? [];
    let write = open.get(this);
    if (write === undefined) {
      open.set(this, write = writes++);
      process.nextTick(() => open.delete(this));
    }
    sent.push({ client: this, text, values, write });
    return query.apply(this, args);
  };
  try {
    await run();
  } finally {
    proto.query = query;
  }
  return sent;
}
