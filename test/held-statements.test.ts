// BEGIN and deferred writes held back and sent with the next statement
// (src/adapters/store/held-statements.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deferredMark, holdStatements, type Batch } from '../src/adapters/store/held-statements.ts';

const W = `${deferredMark}update w`;

/** A fake connection: what was sent, one array per write. */
function connection(failing = new Set<string>()) {
  const sent: string[][] = [];
  let current: string[] | undefined;
  const batch: Batch = (send) => {
    current = [];
    try {
      return send();
    } finally {
      sent.push(current);
      current = undefined;
    }
  };
  const query = (text: unknown) => {
    if (current) current.push(String(text));
    else sent.push([String(text)]);
    return failing.has(String(text)) ? Promise.reject(new Error(`${String(text)} failed`)) : Promise.resolve({ rows: [String(text)] });
  };
  return { sent, query: holdStatements(query, batch) };
}

test('BEGIN leaves in one write with the first statement; the rest go alone', async () => {
  const c = connection();
  assert.deepEqual(await c.query('begin', []), { command: 'BEGIN', rowCount: null, rows: [] });
  assert.deepEqual(c.sent, []);
  assert.deepEqual(await c.query('select 1', [1]), { rows: ['select 1'] });
  await c.query('select 2', [1]);
  await c.query('commit', []);
  assert.deepEqual(c.sent, [['begin', 'select 1'], ['select 2'], ['commit']]);
});

test('a deferred write leaves with the next statement, or with the COMMIT', async () => {
  const c = connection();
  await c.query('begin', []);
  await c.query('select 1', [1]);
  assert.deepEqual(await c.query(W, [1]), { command: 'DEFERRED', rowCount: null, rows: [] });
  await c.query('select 2', [1]);
  await c.query(W, [2]);
  await c.query('commit', []);
  assert.deepEqual(c.sent, [['begin', 'select 1'], [W, 'select 2'], [W, 'commit']]);
});

test('outside a transaction a deferred write is sent at once', async () => {
  const c = connection();
  await c.query(W, [1]);
  assert.deepEqual(c.sent, [[W]]);
});

test('a transaction that sent nothing ends without a word to the server; ROLLBACK drops held writes', async () => {
  const c = connection();
  await c.query('begin', []);
  assert.deepEqual(await c.query('rollback', []), { command: 'ROLLBACK', rowCount: null, rows: [] });
  await c.query('begin', []);
  await c.query('commit', []);
  await c.query('begin', []);
  await c.query(W, [1]);
  await c.query('rollback', []);
  assert.deepEqual(c.sent, []);
  await c.query('begin', []);
  await c.query('select 1', [1]);
  await c.query(W, [1]);
  await c.query('rollback', []);
  assert.deepEqual(c.sent, [['begin', 'select 1'], ['rollback']]);
});

test('a held statement that fails fails the statement sent with it, COMMIT included', async () => {
  const begin = connection(new Set(['begin']));
  await begin.query('begin', []);
  await assert.rejects(Promise.resolve(begin.query('select 1', [1])), /begin failed/);
  const write = connection(new Set([W]));
  await write.query('begin', []);
  await write.query('select 1', [1]);
  await write.query(W, [1]);
  await assert.rejects(Promise.resolve(write.query('commit', [])), /deferred/);
});
