// The SIP dialog journal's writes go out in groups (src/adapters/store/grouped-writes.ts): what is
// asked while a group is being written leaves together, by its net effect, in one statement; a
// group that fails is written again one write at a time; a read waits for the writes before it.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { groupedWrites } from '../src/adapters/store/grouped-writes.ts';
import { migrate } from '../src/adapters/store/migrate.ts';
import { sipDialogJournal } from '../src/adapters/store/sip-dialogs.ts';
import type { SavedDialog } from '../src/adapters/telephony/sip/journal.ts';
import { sentStatements } from './support/sent-statements.ts';
import { dropSchema, openSchemaDatabase, stopSharedEmbedded, storeKinds, uniqueSchema } from './support/stores.ts';

after(stopSharedEmbedded);
// Known before any test is declared: a test that ran while the module still awaited would let the
// run's `after` stop the embedded server before the store tests start it again.
const kinds = await storeKinds();

test('writes asked while a group is being written leave together; a failed group is written one by one', async () => {
  const groups: string[][] = [];
  const alone: string[] = [];
  let open = () => {};
  let gate = new Promise<void>((r) => { open = r; });
  const writes = groupedWrites<string>(async (group) => {
    groups.push([...group]);
    await gate;
    if (group.includes('bad')) throw new Error('a bad write in the group');
  }, (w) => {
    alone.push(w);
    return w === 'bad' ? Promise.reject(new Error('bad alone')) : Promise.resolve();
  });
  const first = writes.write('a');
  const more = [writes.write('b'), writes.write('c')];
  assert.deepEqual(groups, [['a']], 'the first write does not wait to gather');
  open();
  await Promise.all([first, ...more]);
  assert.deepEqual(groups, [['a'], ['b', 'c']]);

  gate = new Promise<void>((r) => { open = r; });
  const held = writes.write('d');
  const results = Promise.allSettled([writes.write('e'), writes.write('bad'), writes.write('f')]);
  open();
  await held;
  assert.deepEqual((await results).map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
  assert.deepEqual(groups.slice(2), [['d'], ['e', 'bad', 'f']]);
  assert.deepEqual(alone, ['e', 'bad', 'f'], 'the failed group, again one by one');

  // settled() waits for the writes asked before it, not for those asked after.
  gate = new Promise<void>((r) => { open = r; });
  const g = writes.write('g');
  const settled = writes.settled();
  let hWritten = false;
  const h = writes.write('h').then(() => { hWritten = true; });
  const openG = open;
  gate = new Promise<void>((r) => { open = r; });
  openG();
  await Promise.all([g, settled]);
  assert.equal(hWritten, false, 'h is still being written');
  open();
  await h;
  assert.deepEqual(groups.slice(4), [['g'], ['h']]);
});

const dialog = (id: string, callId: string | null, agentId: string | null = null): SavedDialog => ({
  id, operationId: '0001', callId, agentId,
  state: { callId: `sip-${id}`, local: { uri: 'sip:pacer@127.0.0.1', tag: 'l' }, remote: { uri: 'sip:c@127.0.0.1', tag: 'r' }, remoteTarget: 'sip:c@127.0.0.1:5062', routeSet: [], localSeq: 2, transport: 'UDP', contact: 'sip:pacer@127.0.0.1:5060' } as unknown as SavedDialog['state'],
});

for (const { kind, skip } of kinds) {
  describe(`the SIP dialog journal on ${kind}`, { skip }, () => {
    test('a group is written by its net effect in one statement; reads see every write asked before them', async () => {
      const schema = uniqueSchema();
      const database = await openSchemaDatabase(kind, schema);
      const db = database.db;
      try {
        await migrate(db);
        const journal = sipDialogJournal(db, 'p1', () => Date.parse('2026-03-02T15:00:00Z'));
        const other = sipDialogJournal(db, 'p2', () => Date.parse('2026-03-02T15:00:00Z'));
        await journal.saved(dialog('d1', 'c1'));
        await journal.saved(dialog('d2', 'c2'));

        const sent = await sentStatements(async () => {
          // One group, written while nothing else is: d3 saved then moved to c9, d4 saved then ended
          // (never written), d1 ended (its rename after that dropped: one statement changes a row once), d2 moved to c7.
          const first = journal.saved(dialog('s0', null, '1001'));
          const group = [journal.saved(dialog('d3', 'c3')), journal.renamed('d3', 'c9'), journal.saved(dialog('d4', 'c4')), journal.ended('d4'),
            journal.ended('d1'), journal.renamed('d1', 'c5'), journal.renamed('d2', 'c7')];
          await Promise.all([first, ...group]);
        });
        const texts = sent.map((s) => s.text.trim()).filter((t) => !/^(begin|commit)$/i.test(t));
        assert.equal(texts.length, 2, `the first write, then the group in one statement: ${JSON.stringify(texts)}`);

        const rows = await db.selectFrom('sip_dialogs').select(['id', 'call_id', 'agent_id', 'process_id']).orderBy('id').execute();
        assert.deepEqual(rows, [
          { id: 'd2', call_id: 'c7', agent_id: null, process_id: 'p1' },
          { id: 'd3', call_id: 'c9', agent_id: null, process_id: 'p1' },
          { id: 's0', call_id: null, agent_id: '1001', process_id: 'p1' },
        ]);
        const [saved] = await other.ofCall('c9');
        assert.equal(saved?.state.remoteTarget, 'sip:c@127.0.0.1:5062', 'the state as written');
        void journal.ended('d2');
        assert.deepEqual(await journal.ofCall('c7'), [], 'a read waits for the writes asked before it');
        assert.deepEqual((await other.ofOthers()).map((d) => d.id).sort(), ['d3', 's0']);
      } finally {
        await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(db);
        await database.close();
        if (kind === 'postgres') await dropSchema(schema);
      }
    });
  });
}
