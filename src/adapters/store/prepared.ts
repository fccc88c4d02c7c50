// Named prepared statements for Kysely over `pg`: each distinct query text is parsed and planned
// once per connection instead of on every execution. Pacer's queries are few and fixed, and
// planning a three-table join costs more than running it (≈1.2 ms against 0.25 ms for the token
// claim), so this is the largest single saving on the request path. PostgreSQL re-plans a prepared
// statement by itself after DDL; a migration that changes the columns of a table read with
// `selectAll` under a running process makes that statement fail once ("cached plan must not change
// result type"); the text is then prepared afresh under a new name. Statements then pass through
// held-statements.ts, which writes BEGIN and deferred writes with the statement behind them.
//
// A prepared statement gets a generic plan after five runs, one that must hold for any parameter
// value; such a plan cannot use a partial index whose predicate names a constant the statement
// sends as a parameter (`state = $2` does not imply `state = 'ready'`), so it scans every row of
// the operation instead, a cost that grows with the day's calls. Constants a partial index is
// built on are therefore written into the text with `sql.lit` (agents_ready, calls_in_flight,
// calls_waiting, calls_live).
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { holdStatements, type Batch } from './held-statements.ts';

/** Distinct statements kept per connection; texts past this run unprepared. */
const perConnection = 256;
let connections = 0;

/**
 * Wraps a pg pool for Kysely's PostgresDialect. Names are unique per connection because the
 * embedded store serves every connection from one session, where a name taken by one connection
 * would clash with another's.
 */
export function preparingPool(pool: pg.Pool): PostgresPool {
  const names = new WeakMap<pg.PoolClient, { tag: string; statements: Map<string, string>; next: number }>();
  return {
    options: pool.options,
    end: () => pool.end(),
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let own = names.get(client);
      if (!own) names.set(client, (own = { tag: `pacer_${(connections++).toString(36)}_`, statements: new Map(), next: 0 }));
      const state = own;
      const { tag, statements } = own;
      const query = (text: unknown, parameters?: readonly unknown[]): unknown => {
        if (typeof text !== 'string' || !parameters || parameters.length === 0) {
          return (client.query as (...args: unknown[]) => unknown)(text, parameters);
        }
        let name = statements.get(text);
        if (name === undefined && statements.size < perConnection) statements.set(text, (name = `${tag}${state.next++}`));
        return client.query({ name, text, values: [...parameters] }).catch((error: unknown) => {
          if (name !== undefined && (error as { code?: string }).code === '0A000') statements.delete(text);
          throw error;
        });
      };
      const stream = (client as unknown as { connection?: { stream?: { cork?(): void; uncork?(): void } } }).connection?.stream;
      const batch: Batch = (send) => {
        stream?.cork?.();
        try {
          return send();
        } finally {
          stream?.uncork?.();
        }
      };
      return { query: holdStatements(query, batch) as PostgresPoolClient['query'], release: (destroy?: boolean) => client.release(destroy) };
    },
  };
}
