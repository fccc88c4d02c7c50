// BEGIN held back and sent with the first statement (src/adapters/store/pipelined-begin.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pipelineBegin, type Batch } from '../src/adapters/store/pipelined-begin.ts';

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
  return { sent, query: pipelineBegin(query, batch) };
}

test('BEGIN leaves in one batch with the first statement; the rest go alone', async () => {
  const c = connection();
  assert.deepEqual(await c.query('begin', []), { command: 'BEGIN', rowCount: null, rows: [] });
  assert.deepEqual(c.sent, []);
  assert.deepEqual(await c.query('select 1', [1]), { rows: ['select 1'] });
  await c.query('commit', []);
  assert.deepEqual(c.sent, [['begin', 'select 1'], ['commit']]);
});

test('a transaction that sent no statement ends without a word to the server', async () => {
  const c = connection();
  await c.query('begin', []);
  assert.deepEqual(await c.query('rollback', []), { command: 'ROLLBACK', rowCount: null, rows: [] });
  await c.query('begin', []);
  await c.query('commit', []);
  assert.deepEqual(c.sent, []);
});

test('a failed BEGIN fails the statement sent with it', async () => {
  const c = connection(new Set(['begin']));
  await c.query('begin', []);
  await assert.rejects(Promise.resolve(c.query('select 1', [1])), /begin failed/);
});
