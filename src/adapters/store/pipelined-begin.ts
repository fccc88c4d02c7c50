// BEGIN without a round trip of its own. Kysely awaits `begin` before the first statement of a
// transaction; here `begin` is answered at once and held back, then written together with the
// first statement (one write on the socket, one message on the embedded store's port). The pg
// client runs in pipeline mode, so the statement does not wait for BEGIN's answer; a failed BEGIN
// still fails the statement. A transaction that sent nothing ends without a word to the server.

type Query = (text: unknown, parameters?: readonly unknown[]) => unknown;
/** Runs `send` with the connection's output held, so what it writes leaves in one write. */
export type Batch = <T>(send: () => T) => T;

const answer = (command: string) => Promise.resolve({ command, rowCount: null, rows: [] });

export function pipelineBegin(query: Query, batch: Batch): Query {
  let held = false;
  return (text, parameters) => {
    const bare = !parameters || parameters.length === 0;
    if (bare && text === 'begin') {
      held = true;
      return answer('BEGIN');
    }
    if (!held) return query(text, parameters);
    held = false;
    if (bare && (text === 'commit' || text === 'rollback')) return answer(text.toUpperCase());
    const [begun, result] = batch(() => [Promise.resolve(query('begin')), Promise.resolve(query(text, parameters))]);
    begun.catch(() => undefined);
    return begun.then(() => result);
  };
}
