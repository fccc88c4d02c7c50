// BEGIN without its own round trip: Kysely awaits `begin` before the first statement of a
// transaction; here `begin` is sent at once (the pg client runs in pipeline mode, so it does not
// wait for the answer before sending what follows), answered at once, and its real outcome is
// joined to the next statement's. BEGIN and the first statement thus share one round trip —
// on PostgreSQL and, through the MessagePort channel, on the embedded store — and the transaction
// holds its connection one round trip less. A failed BEGIN still fails the statement behind it.

type Query = (text: unknown, parameters?: readonly unknown[]) => unknown;

export function pipelineBegin(query: Query): Query {
  let begun: Promise<unknown> | undefined;
  return (text, parameters) => {
    if (text === 'begin' && (!parameters || parameters.length === 0)) {
      const sent = Promise.resolve(query(text, parameters));
      sent.catch(() => undefined);
      begun = begun ? Promise.all([begun, sent]) : sent;
      return Promise.resolve({ command: 'BEGIN', rowCount: null, rows: [] });
    }
    const result = query(text, parameters);
    if (!begun) return result;
    const before = begun;
    begun = undefined;
    return before.then(() => result);
  };
}
