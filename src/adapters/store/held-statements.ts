// Statements held back and written with the next one, so that they cost no round trip of their own:
//
// - BEGIN. Kysely awaits `begin` before the first statement of a transaction; it is answered at
//   once and written together with that statement.
// - Deferred writes: a write whose answer nobody reads (marked with `deferredMark`; the agent save,
//   see agents.ts), inside a transaction, is answered at once and written with whatever the
//   transaction sends next — the next statement, or the COMMIT. Statements still run in the order
//   they were issued, so later reads see the write.
//
// The pg client runs in pipeline mode, so held statements and the one behind them leave in one
// write (one message on the embedded store's port) and are answered in order. If a held statement
// fails, the statement sent with it fails with that error (the transaction is aborted, and a COMMIT
// behind it does not commit). A transaction that sent nothing ends without a word to the server;
// a ROLLBACK drops the writes still held.

type Query = (text: unknown, parameters?: readonly unknown[]) => unknown;
/** Runs `send` with the connection's output held, so what it writes leaves in one write. */
export type Batch = <T>(send: () => T) => T;

/** Prefix of a deferred write's SQL. */
export const deferredMark = '/* deferred */ ';

const answer = (command: string) => Promise.resolve({ command, rowCount: null, rows: [] });

interface Held { text: unknown; parameters?: readonly unknown[] }

export function holdStatements(query: Query, batch: Batch): Query {
  let inTransaction = false;
  /** BEGIN not sent yet. */
  let beginHeld = false;
  let writes: Held[] = [];

  return (text, parameters) => {
    const bare = !parameters || parameters.length === 0;
    if (bare && text === 'begin') {
      inTransaction = true;
      beginHeld = true;
      return answer('BEGIN');
    }
    if (inTransaction && typeof text === 'string' && text.startsWith(deferredMark)) {
      writes.push({ text, parameters });
      return answer('DEFERRED');
    }
    const ends = bare && (text === 'commit' || text === 'rollback');
    if (ends) inTransaction = false;
    if (!beginHeld && writes.length === 0) return query(text, parameters);

    const held: Held[] = [...(beginHeld ? [{ text: 'begin' }] : []), ...(text === 'rollback' ? [] : writes)];
    const nothingSent = beginHeld;
    beginHeld = false;
    writes = [];
    // Nothing of this transaction has reached the server: there is nothing to end.
    if (ends && nothingSent && (text === 'rollback' || held.length === 1)) return answer(String(text).toUpperCase());
    if (text === 'rollback' && held.length === 0) return query(text, parameters);

    const sent = batch(() => [...held.map((h) => query(h.text, h.parameters)), query(text, parameters)].map((r) => Promise.resolve(r)));
    return Promise.allSettled(sent).then((results) => {
      const failed = results.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
      return (results.at(-1) as PromiseFulfilledResult<unknown>).value;
    });
  };
}
