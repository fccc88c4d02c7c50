// agentbox.php recalls as the official Postman collection writes them, on both stores: recall under
// the collection's parameter names (id_camp, id_customer, telefono, rellamada, recall_style,
// name_recall) beside the pages' (seed 000), and the collection's edit_recall (PUT) and
// delete_recall (DELETE); each success with its exact envelope, and each refusal.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { TOKEN, type TestPacer } from './support/pacer.ts';
import { callbacks, record, withPacer } from './support/campaign.ts';

after(stopSharedEmbedded);

type Answer = { status: number; json: Record<string, unknown> };

/** The whole agentbox envelope: code a string equal to the status. */
function exactly(r: Answer, status: number, error: string | null, msg: string): void {
  assert.deepEqual(r.json, { code: String(status), error, msg });
  assert.equal(r.status, status);
}
const done = (r: Answer, msg: string) => exactly(r, 200, null, msg);

/** agentbox.php with another method than POST (edit_recall is PUT, delete_recall DELETE). */
async function agentbox(p: TestPacer, method: 'PUT' | 'DELETE' | 'POST', api: string, params: Record<string, string>): Promise<Answer> {
  const res = await p.call({ method, url: `/api/v2/agentbox.php?${new URLSearchParams({ api, ...params }).toString()}`, headers: { 'wolkvox-token': TOKEN } });
  return { status: res.statusCode, json: res.json };
}

/** The collection's recall of record 100002 of campaign 1, at 11:00 in Bogota (now is 10:00). */
const collectionRecall = {
  agent_id: '1001', id_camp: '1', id_customer: '100002', telefono: '3001112222', rellamada: '20260302110000', recall_style: 'manual',
};

for (const { kind, skip } of await storeKinds()) {
  describe(`agentbox recalls on ${kind}`, { skip }, () => {
    test('recall under the collection\'s names: the callback belongs to the named record', () => withPacer(kind, async (p) => {
      done(await p.agentbox('recall', collectionRecall), 'Recall has been successful');
      const [cb] = await callbacks(p);
      assert.deepEqual([cb?.agent_id, String(cb?.campaign_id), cb?.customer_id, cb?.phone, cb?.type_recall, cb?.status],
        ['1001', '1', '100002', '3001112222', 'manual', 'pending']);
      assert.equal(cb?.due_at.toISOString(), '2026-03-02T16:00:00.000Z');
      // The pages' names still work, and may be mixed with the collection's when they agree.
      done(await p.agentbox('recall', { agent_id: '1001', customer_phone: '3001112222', telefono: '3001112222', date: '20260302120000', type_recall: 'auto' }), 'Recall has been successful');
      assert.equal((await callbacks(p)).length, 2);
    }));

    test('name_recall names a record that has no name, and never renames one', () => withPacer(kind, async (p) => {
      assert.equal((await p.campaign('POST', 'add_record', { campaign_id: '1' }, [{ customer_id: 'N-1', tel1: '3005550001' }])).status, 201);
      done(await p.agentbox('recall', { ...collectionRecall, id_customer: 'N-1', name_recall: 'Ana Díaz' }), 'Recall has been successful');
      assert.equal((await record(p, 1, 'N-1'))?.data.customer_name, 'Ana Díaz');
      done(await p.agentbox('recall', { ...collectionRecall, name_recall: 'Someone Else' }), 'Recall has been successful');
      assert.equal((await record(p, 1, '100002'))?.data.customer_name, 'Customer 100002');
    }));

    test('recall refusals under either spelling name the parameter sent', () => withPacer(kind, async (p) => {
      const { telefono: _t, ...noPhone } = collectionRecall;
      exactly(await p.agentbox('recall', noPhone), 400, 'BAD REQUEST', 'SOME PARAMETERS ARE REQUIRED: customer_phone (or telefono)');
      exactly(await p.agentbox('recall', { ...collectionRecall, customer_phone: '3009999999' }), 400, 'BAD REQUEST',
        'SOME PARAMETERS ARE REQUIRED: telefono (customer_phone is given too, with another value: send one of them)');
      exactly(await p.agentbox('recall', { ...collectionRecall, rellamada: '20260302090000' }), 400, 'BAD REQUEST',
        'SOME PARAMETERS ARE REQUIRED: rellamada (20260302090000 is not in the future (now 20260302100000 in America/Bogota))');
      exactly(await p.agentbox('recall', { ...collectionRecall, rellamada: '20260230100000' }), 400, 'BAD REQUEST',
        'SOME PARAMETERS ARE REQUIRED: rellamada (20260230100000 is not a real time in America/Bogota)');
      exactly(await p.agentbox('recall', { ...collectionRecall, recall_style: 'later' }), 400, 'BAD REQUEST', 'SOME PARAMETERS ARE REQUIRED: recall_style (expected one of auto, manual)');
      const { id_customer: _c, ...noCustomer } = collectionRecall;
      exactly(await p.agentbox('recall', noCustomer), 400, 'BAD REQUEST', 'SOME PARAMETERS ARE REQUIRED: id_customer (id_camp and id_customer name the record together)');
      exactly(await p.agentbox('recall', { ...collectionRecall, id_customer: 'nobody' }), 404, 'NOT FOUND', 'customer_id nobody does not exist in campaign_id 1');
      exactly(await p.agentbox('recall', { ...collectionRecall, id_camp: '99' }), 404, 'NOT FOUND', 'Campaign 99 does not exist');
      assert.equal((await callbacks(p)).length, 0);
    }));

    test('edit_recall (PUT) moves the agent\'s recall: time, phone, style, name; then it fires then', () => withPacer(kind, async (p) => {
      assert.equal((await p.campaign('POST', 'add_record', { campaign_id: '1' }, [{ customer_id: 'N-2', tel1: '3005550002' }])).status, 201);
      done(await p.agentbox('recall', { ...collectionRecall, id_customer: 'N-2', recall_style: 'auto' }), 'Recall has been successful');
      done(await agentbox(p, 'PUT', 'edit_recall', {
        agent_id: '1001', id_camp: '1', id_customer: 'N-2', telephone: '3005550009', recall: '20260302103000', recall_style: 'manual', name_recall: 'Bea',
      }), 'Recall has been updated successfully');
      const [cb] = await callbacks(p);
      assert.deepEqual([cb?.agent_id, cb?.phone, cb?.type_recall, cb?.status, cb?.due_at.toISOString()],
        ['1001', '3005550009', 'manual', 'pending', '2026-03-02T15:30:00.000Z']);
      assert.equal((await record(p, 1, 'N-2'))?.data.customer_name, 'Bea');
      // Without telephone and recall_style, they are kept.
      done(await agentbox(p, 'PUT', 'edit_recall', { agent_id: '1001', id_camp: '1', id_customer: 'N-2', recall: '20260302101000' }), 'Recall has been updated successfully');
      const [moved] = await callbacks(p);
      assert.deepEqual([moved?.phone, moved?.type_recall, moved?.due_at.toISOString()], ['3005550009', 'manual', '2026-03-02T15:10:00.000Z']);
      // A manual recall reminds its agent when due.
      await p.clock.advance(11 * 60_000);
      assert.equal((await callbacks(p))[0]?.status, 'done');
      const events = await p.pacer.database.db.selectFrom('events').select(['type', 'data']).where('type', 'like', 'callback.%').orderBy('id').execute();
      assert.deepEqual(events.map((e) => e.type), ['callback.scheduled', 'callback.rescheduled', 'callback.rescheduled', 'callback.reminder']);
      assert.equal(events[1]?.data.previous_due_at, '2026-03-02T16:00:00.000Z');
    }));

    test('edit_recall gives another agent\'s recall of the record to agent_id', () => withPacer(kind, async (p) => {
      done(await p.agentbox('recall', collectionRecall), 'Recall has been successful');
      done(await agentbox(p, 'PUT', 'edit_recall', { agent_id: '1002', id_camp: '1', id_customer: '100002', recall: '20260302113000' }), 'Recall has been updated successfully');
      const all = await callbacks(p);
      assert.deepEqual(all.map((c) => [c.agent_id, c.status, c.due_at.toISOString()]), [['1002', 'pending', '2026-03-02T16:30:00.000Z']]);
      const moved = await p.pacer.database.db.selectFrom('events').select(['agent_id', 'data']).where('type', '=', 'callback.rescheduled').executeTakeFirstOrThrow();
      assert.equal(moved.agent_id, '1002');
      assert.equal(moved.data.previous_agent_id, '1001');
    }));

    test('edit_recall refusals: no recall 404, past time 400, unknown agent 404, POST 405', () => withPacer(kind, async (p) => {
      const edit = { agent_id: '1001', id_camp: '1', id_customer: '100002', recall: '20260302110000' };
      exactly(await agentbox(p, 'PUT', 'edit_recall', edit), 404, 'NOT FOUND', 'No open recall for customer_id 100002 in campaign_id 1');
      done(await p.agentbox('recall', collectionRecall), 'Recall has been successful');
      exactly(await agentbox(p, 'PUT', 'edit_recall', { ...edit, recall: '20260302093000' }), 400, 'BAD REQUEST',
        'SOME PARAMETERS ARE REQUIRED: recall (20260302093000 is not in the future (now 20260302100000 in America/Bogota))');
      exactly(await agentbox(p, 'PUT', 'edit_recall', { ...edit, agent_id: '9999' }), 404, 'NOT FOUND', 'Agent 9999 does not exist');
      exactly(await agentbox(p, 'PUT', 'edit_recall', { ...edit, id_customer: 'nobody' }), 404, 'NOT FOUND', 'customer_id nobody does not exist in campaign_id 1');
      const { recall: _r, ...noTime } = edit;
      exactly(await agentbox(p, 'PUT', 'edit_recall', noTime), 400, 'BAD REQUEST', 'SOME PARAMETERS ARE REQUIRED: recall');
      exactly(await agentbox(p, 'POST', 'edit_recall', edit), 405, 'METHOD NOT ALLOWED', 'api=edit_recall must be called with PUT');
      // Nothing moved.
      assert.equal((await callbacks(p))[0]?.due_at.toISOString(), '2026-03-02T16:00:00.000Z');
    }));

    test('delete_recall (DELETE) cancels the agent\'s recalls of the record; none left is a 404', () => withPacer(kind, async (p) => {
      done(await p.agentbox('recall', collectionRecall), 'Recall has been successful');
      done(await p.agentbox('recall', { ...collectionRecall, agent_id: '1002' }), 'Recall has been successful');
      const removal = { agent_id: '1001', id_camp: '1', id_customer: '100002', telephone: '3001112222', recall_style: 'auto', name_recall: 'x' };
      // The style given does not match 1001's recall (manual): nothing to delete.
      exactly(await agentbox(p, 'DELETE', 'delete_recall', removal), 404, 'NOT FOUND', 'No open recall of agent 1001 for customer_id 100002 in campaign_id 1');
      done(await agentbox(p, 'DELETE', 'delete_recall', { ...removal, recall_style: 'manual' }), 'Recall has been deleted successfully');
      assert.deepEqual((await callbacks(p)).map((c) => [c.agent_id, c.status]), [['1001', 'cancelled'], ['1002', 'pending']]);
      exactly(await agentbox(p, 'DELETE', 'delete_recall', { ...removal, recall_style: 'manual' }), 404, 'NOT FOUND', 'No open recall of agent 1001 for customer_id 100002 in campaign_id 1');
      exactly(await agentbox(p, 'PUT', 'delete_recall', removal), 405, 'METHOD NOT ALLOWED', 'api=delete_recall must be called with DELETE');
      // A cancelled recall never fires.
      await p.clock.advance(3600_000);
      assert.deepEqual((await callbacks(p)).map((c) => c.status), ['cancelled', 'done']);
    }));
  });
}
