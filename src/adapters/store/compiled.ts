// Statements of a fixed shape, built and compiled once. Kysely builds a query's tree and compiles
// it to SQL on every execution: some 20 µs for a call's full-row update or an event's insert,
// most of the store's own CPU on the dialer's path (bench:sip's profile: Kysely 9–11 % of Pacer's
// main thread, the calls, events, agents and records statements of every attempt). A statement
// whose text depends only on which columns it names, never on their values, is built once with
// stand-ins for the values; each execution then sends that text with the values in their places.
//
// What may be built this way: every value named in the build lands in a parameter, whatever it is
// — no `undefined` that Kysely would leave out, no list whose length shapes the text, no branch on
// a value. test/compiled-statements.test.ts holds every such statement to the text and parameters
// Kysely builds afresh.
import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** A value's stand-in while the statement is built: where the value is in the values object. */
class Slot {
  readonly path: readonly string[];
  constructor(path: readonly string[]) {
    this.path = path;
  }
  of(values: Values): unknown {
    let v: unknown = values;
    for (const key of this.path) v = (v as Values)[key];
    return v;
  }
}

type Values = Record<string, unknown>;

const isGroup = (v: unknown): v is Values => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** Stand-ins for `values`, group by group (a plain object groups values: a Date is one value). */
function slotsOf(values: Values, path: readonly string[] = []): Values {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, isGroup(v) ? slotsOf(v, [...path, k]) : new Slot([...path, k])]));
}

/**
 * A statement of values `V`, built by `build` the first time it is used (on the values' names,
 * which every later use has too: `V` names them all) and then only filled in. The text does not
 * depend on the database handle it is built on (a transaction's or the pool's).
 */
export function compiledStatement<V extends Values>(build: (db: Kysely<Database>, values: V) => CompiledQuery): CompiledStatement<V> {
  let made: { sql: string; parameters: readonly unknown[] } | undefined;
  const statement = (db: Kysely<Database>, values: V): CompiledQuery => {
    made ??= build(db, slotsOf(values) as V);
    return CompiledQuery.raw(made.sql, made.parameters.map((p) => (p instanceof Slot ? p.of(values) : p)));
  };
  return Object.assign(statement, { built: build });
}

export interface CompiledStatement<V extends Values> {
  (db: Kysely<Database>, values: V): CompiledQuery;
  /** The statement as Kysely builds it from these very values (what the compiled one must equal). */
  built: (db: Kysely<Database>, values: V) => CompiledQuery;
}
