// campaign.php record apis through the real app, on both stores: add_record, recall, codify,
// remove_record, clear_campaign, find_record; each success and each refusal.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { attempt, callbacks, db, ok, okString, record, refused, withPacer } from './support/campaign.ts';

after(stopSharedEmbedded);

for (const { kind, skip } of await storeKinds()) {
  describe(`campaign records on ${kind}`, { skip }, () => {
    test('add_record: adds, updates existing customer_id, rejects bad rows with index and reason', () => withPacer(kind, async (p) => {
      const r = await p.campaign('POST', 'add_record', { type_campaign: 'predictive', campaign_id: '1', campaign_status: 'stopped' }, [
        { customer_id: 'A-1', customer_name: 'Ana', customer_last_name: 'Díaz', tel1: '3005550001', tel3: 3005550003, opt1: 'gold', email: 'ana@example.com' },
        { customer_id: 100001, customer_name: 'Updated', tel1: '3009990000' },
        { customer_name: 'No id', tel1: '3005550002' },
        { customer_id: 'A-2', tel1: '12' },
        { customer_id: 'A-3', customer_name: 'No phone' },
        { customer_id: 'A-4', tel1: '3005550004', recall_date: '20260230100000' },
        { customer_id: 'A-1', tel1: '3005550005' },
        42,
        { customer_id: 'A-5', tel1: '3005550006', customer_name: 'x'.repeat(100_000) },
        { customer_id: 'A-6', tel1: '3005550007', recall_date: '20260303090000', recall_telephone: '3005550008' },
      ]);
      // code "201" a string (the collection); with rows rejected, Pacer's message and counts.
      okString(r, 201, '2 records were added, 1 updated and 7 rejected');
      const [data] = r.json.data as { total_registers: string; total_sent: string; total_added: string; total_updated: string; total_rejected: string; rejected: { index: string; customer_id: string; reason: string }[] }[];
      assert.ok(data);
      assert.deepEqual([data.total_registers, data.total_sent, data.total_added, data.total_updated, data.total_rejected], ['3', '10', '2', '1', '7']);
      assert.deepEqual(data.rejected.map((x) => [x.index, x.customer_id]), [['2', ''], ['3', 'A-2'], ['4', 'A-3'], ['5', 'A-4'], ['6', 'A-1'], ['7', ''], ['8', 'A-5']]);
      assert.equal(data.rejected[0]?.reason, 'customer_id is required');
      assert.match(data.rejected[1]?.reason ?? '', /tel1 must be a phone number/);
      assert.match(data.rejected[2]?.reason ?? '', /at least one of tel1/);
      assert.match(data.rejected[3]?.reason ?? '', /recall_date must be a real YYYYmmddHHiiss time/);
      assert.equal(data.rejected[4]?.reason, 'customer_id A-1 repeats row 0 of this request');
      assert.equal(data.rejected[5]?.reason, 'a record must be a JSON object');
      assert.match(data.rejected[6]?.reason ?? '', /customer_name must be text of at most 200 characters/);
      const ana = await record(p, 1, 'A-1');
      assert.deepEqual(ana?.phones, ['3005550001', '3005550003']);
      assert.equal(ana?.data.opt1, 'gold');
      assert.equal(ana?.data.customer_last_name, 'Díaz');
      const updated = await record(p, 1, '100001');
      assert.equal(updated?.data.customer_name, 'Updated');
      assert.deepEqual(updated?.phones, ['3009990000']);
      // A recall_date given at load time is a campaign callback.
      const cbs = await callbacks(p);
      assert.equal(cbs.length, 1);
      assert.equal(cbs[0]?.customer_id, 'A-6');
      assert.equal(cbs[0]?.phone, '3005550008');
      assert.equal(cbs[0]?.agent_id, null);
      assert.equal(cbs[0]?.due_at.toISOString(), '2026-03-03T14:00:00.000Z');
    }));

    test('add_record refusals: not an array, empty, all rejected, 10,001 records, unknown campaign, wrong type', () => withPacer(kind, async (p) => {
      refused(await p.campaign('POST', 'add_record', { campaign_id: '1' }, { customer_id: '1', tel1: '3001112222' }), 400, /^SOME PARAMETERS ARE REQUIRED: records \(expected a JSON array/);
      refused(await p.campaign('POST', 'add_record', { campaign_id: '1' }), 400, /^SOME PARAMETERS ARE REQUIRED: records/);
      refused(await p.campaign('POST', 'add_record', { campaign_id: '1' }, []), 400, /^SOME PARAMETERS ARE REQUIRED: records/);
      refused(await p.campaign('POST', 'add_record', { campaign_id: '1' }, [{ tel1: '3001112222' }]), 400, 'No record was added: all 1 rows were rejected; row 0: customer_id is required');
      const many = Array.from({ length: 10_001 }, (_, i) => ({ customer_id: `M${i}`, tel1: '3001112222' }));
      refused(await p.campaign('POST', 'add_record', { campaign_id: '1' }, many), 413, 'add_record takes at most 10000 records per call; this request has 10001');
      refused(await p.campaign('POST', 'add_record', { campaign_id: '99' }, [{ customer_id: '1', tel1: '3001112222' }]), 404, 'Campaign 99 does not exist');
      refused(await p.campaign('POST', 'add_record', { campaign_id: '2', type_campaign: 'predictive' }, [{ customer_id: '1', tel1: '3001112222' }]), 409, 'Campaign 2 is a preview campaign, not predictive');
      refused(await p.campaign('POST', 'add_record', { campaign_id: '2' }, [{ customer_id: '1', tel1: '3001112222', recall_date: '20260303090000' }]), 400, /recall_date is only for predictive campaigns/);
      refused(await p.campaign('POST', 'add_record', { campaign_id: 'abc' }, [{ customer_id: '1', tel1: '3001112222' }]), 400, /^SOME PARAMETERS ARE REQUIRED: campaign_id/);
      const count = await db(p).selectFrom('records').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 120);
    }));

    test('add_record takes 10,000 records in one call, recalls included', () => withPacer(kind, async (p) => {
      const many = Array.from({ length: 10_000 }, (_, i) => ({
        customer_id: `M${i}`, tel1: `300${String(i).padStart(7, '0')}`, opt1: 'bulk', ...(i % 2 === 0 ? { recall_date: '20260303090000' } : {}),
      }));
      const r = await p.campaign('POST', 'add_record', { campaign_id: '1' }, many);
      // Every row in: the collection's answer, word for word.
      assert.deepEqual(r.json, {
        code: '201', error: null, msg: 'All records has been added successfully',
        data: [{ total_registers: '10000', total_sent: '10000', total_added: '10000', total_updated: '0', total_rejected: '0', rejected: [] }],
      });
      assert.equal((await callbacks(p)).filter((c) => c.status === 'pending').length, 5000);
      // Loading the same list again updates every record and replaces each open callback.
      const again = await p.campaign('POST', 'add_record', { campaign_id: '1' }, many);
      okString(again, 201, 'All records has been added successfully');
      assert.deepEqual((again.json.data as Record<string, unknown>[])[0], { total_registers: '10000', total_sent: '10000', total_added: '0', total_updated: '10000', total_rejected: '0', rejected: [] });
      const after = await callbacks(p);
      assert.equal(after.filter((c) => c.status === 'pending').length, 5000);
      assert.equal(after.filter((c) => c.status === 'cancelled').length, 5000);
    }));

    test('recall: documented message; a durable campaign callback owned by no agent', () => withPacer(kind, async (p) => {
      const r = await p.campaign('PUT', 'recall', { type_campaign: 'predictive', campaign_id: '1' }, { recall_date: '20260302143000', recall_telephone: '3007654321', customer_id: '100005' });
      ok(r, 202, 'customer_id 100005 has been updated and will be call back on 20260302143000 to phone 3007654321');
      assert.deepEqual(Object.keys(r.json), ['code', 'error', 'msg']);
      const cbs = await callbacks(p);
      assert.equal(cbs.length, 1);
      const cb = cbs[0];
      assert.equal(String(cb?.campaign_id), '1');
      assert.equal(cb?.agent_id, null);
      assert.equal(cb?.customer_id, '100005');
      assert.equal(cb?.type_recall, 'auto');
      assert.equal(cb?.status, 'pending');
      assert.equal(cb?.phone, '3007654321');
      assert.equal(cb?.due_at.toISOString(), '2026-03-02T19:30:00.000Z');
      const rec = await record(p, 1, '100005');
      assert.equal(rec?.recall_date?.toISOString(), '2026-03-02T19:30:00.000Z');
      assert.equal(rec?.recall_telephone, '3007654321');
      // A second recall replaces the first: one open callback per record.
      ok(await p.campaign('PUT', 'recall', { campaign_id: '1' }, { recall_date: 20260303080000, recall_telephone: 3007654321, customer_id: 100005 }), 202,
        'customer_id 100005 has been updated and will be call back on 20260303080000 to phone 3007654321');
      assert.deepEqual((await callbacks(p)).map((c) => c.status), ['cancelled', 'pending']);
    }));

    test('recall refusals: preview 409, unknown record 404, past / impossible / malformed date 400', () => withPacer(kind, async (p) => {
      const body = { recall_date: '20260302143000', recall_telephone: '3007654321', customer_id: '200001' };
      refused(await p.campaign('PUT', 'recall', { campaign_id: '2' }, body), 409, 'Campaign 2 is a preview campaign: recall works only for predictive campaigns');
      refused(await p.campaign('PUT', 'recall', { campaign_id: '1' }, { ...body, customer_id: 'nobody' }), 404, 'customer_id nobody does not exist in campaign_id 1');
      refused(await p.campaign('PUT', 'recall', { campaign_id: '1' }, { ...body, customer_id: '100001', recall_date: '20260302090000' }), 400, /^SOME PARAMETERS ARE REQUIRED: recall_date \(20260302090000 is not in the future/);
      refused(await p.campaign('PUT', 'recall', { campaign_id: '1' }, { ...body, customer_id: '100001', recall_date: '20260230100000' }), 400, /^SOME PARAMETERS ARE REQUIRED: recall_date \(20260230100000 is not a real time in America\/Bogota\)/);
      refused(await p.campaign('PUT', 'recall', { campaign_id: '1' }, { ...body, customer_id: '100001', recall_date: '2026-03-02' }), 400, /^SOME PARAMETERS ARE REQUIRED: recall_date/);
      refused(await p.campaign('PUT', 'recall', { campaign_id: '1' }, { recall_date: '20260302143000', customer_id: '100001' }), 400, 'SOME PARAMETERS ARE REQUIRED: recall_telephone');
      refused(await p.campaign('PUT', 'recall', { campaign_id: '1' }, [body]), 400, /^SOME PARAMETERS ARE REQUIRED: body \(expected a JSON object/);
      refused(await p.campaign('PUT', 'recall', { campaign_id: '1' }, '{"recall_date": ', { 'content-type': 'application/json' }), 400, 'The request body is not valid JSON');
      refused(await p.campaign('PUT', 'recall', { campaign_id: '1' }, '{"recall_date": ', { 'content-type': 'text/plain' }), 400, 'The request body is not valid JSON');
      assert.equal((await callbacks(p)).length, 0);
    }));

    test('codify: closes the record and cancels its callback; codes must exist', () => withPacer(kind, async (p) => {
      ok(await p.campaign('PUT', 'recall', { campaign_id: '1' }, { recall_date: '20260302143000', recall_telephone: '3007654321', customer_id: '100007' }), 202);
      const coded = await p.campaign('PUT', 'codify', { type_campaign: 'predictive', campaign_id: '1' }, { cod_act: 'SALE', cod_act_2: 'NEW', comment: 'closed by CRM', customer_id: '100007' });
      assert.deepEqual(coded.json, { code: 202, error: null, msg: 'customer_id 100007 has been coded' });
      const rec = await record(p, 1, '100007');
      assert.equal(rec?.status, 'done');
      assert.equal(rec?.cod_act, 'SALE');
      assert.equal(rec?.cod_act_2, 'NEW');
      assert.equal(rec?.comment, 'closed by CRM');
      assert.deepEqual((await callbacks(p)).map((c) => c.status), ['cancelled']);
      refused(await p.campaign('PUT', 'codify', { campaign_id: '1' }, { cod_act: 'NOPE', customer_id: '100007' }), 404, 'Activity code NOPE does not exist in group 1');
      refused(await p.campaign('PUT', 'codify', { campaign_id: '1' }, { cod_act: 'SALE', cod_act_2: 'NOPE', customer_id: '100007' }), 404, 'Activity code NOPE does not exist in group 2');
      refused(await p.campaign('PUT', 'codify', { campaign_id: '1' }, { cod_act: 'SALE', customer_id: 'ghost' }), 404, 'customer_id ghost does not exist in campaign_id 1');
      refused(await p.campaign('PUT', 'codify', { campaign_id: '1' }, { customer_id: '100007' }), 400, 'SOME PARAMETERS ARE REQUIRED: cod_act');
      refused(await p.campaign('PUT', 'codify', { campaign_id: '1' }, { cod_act: { code: 'SALE' }, customer_id: '100007' }), 400, /^SOME PARAMETERS ARE REQUIRED: cod_act \(expected/);
      // Recall reopens a closed record.
      ok(await p.campaign('PUT', 'recall', { campaign_id: '1' }, { recall_date: '20260302160000', recall_telephone: '3007654321', customer_id: '100007' }), 202);
      assert.equal((await record(p, 1, '100007'))?.status, 'fresh');
      // Loading a closed record again keeps it closed, unless the new row carries a recall_date.
      ok(await p.campaign('PUT', 'codify', { campaign_id: '1' }, { cod_act: 'NOSALE', customer_id: '100009' }), 202);
      okString(await p.campaign('POST', 'add_record', { campaign_id: '1' }, [{ customer_id: '100009', tel1: '3001230000' }]), 201);
      assert.equal((await record(p, 1, '100009'))?.status, 'done');
      okString(await p.campaign('POST', 'add_record', { campaign_id: '1' }, [{ customer_id: '100009', tel1: '3001230000', recall_date: '20260302170000' }]), 201);
      assert.equal((await record(p, 1, '100009'))?.status, 'fresh');
    }));

    test('remove_record: DELETE with a JSON body; attempts deleted except answered ones', () => withPacer(kind, async (p) => {
      await attempt(p, 'c-answer', { customerId: '100003', result: 'answer' });
      await attempt(p, 'c-noanswer', { customerId: '100003', result: 'no-answer' });
      await attempt(p, 'c-other', { customerId: '100004', result: 'busy' });
      const removed = await p.campaign('DELETE', 'remove_record', { type_campaign: 'predictive', campaign_id: '1' }, { customer_id: '100003' });
      assert.deepEqual(removed.json, { code: 202, error: null, msg: 'customer_id 100003 has been deleted successfully' });
      assert.equal(await record(p, 1, '100003'), undefined);
      const calls = await db(p).selectFrom('calls').select('id').orderBy('id').execute();
      assert.deepEqual(calls.map((c) => c.id), ['c-answer', 'c-other']);
      refused(await p.campaign('DELETE', 'remove_record', { campaign_id: '1' }, { customer_id: '100003' }), 404, 'customer_id 100003 does not exist in campaign_id 1');
      refused(await p.campaign('DELETE', 'remove_record', { campaign_id: '1' }), 400, 'SOME PARAMETERS ARE REQUIRED: customer_id');
      await attempt(p, 'c-live', { customerId: '100008', state: 'ringing' });
      refused(await p.campaign('DELETE', 'remove_record', { campaign_id: '1' }, { customer_id: '100008' }), 409, 'customer_id 100008 is on a call: remove it when the call ends');
      refused(await p.campaign('PUT', 'remove_record', { campaign_id: '1' }, { customer_id: '100008' }), 405, 'api=remove_record must be called with DELETE');
    }));

    test('remove_record with several customer_ids separated by commas: all of them, or none', () => withPacer(kind, async (p) => {
      await attempt(p, 'm-busy', { customerId: '100012', result: 'busy' });
      const r = await p.campaign('DELETE', 'remove_record', { campaign_id: '1' }, { customer_id: '100011, 100012,100013,100011' });
      assert.deepEqual(r.json, { code: 202, error: null, msg: 'customer_id 100011,100012,100013 has been deleted successfully' });
      for (const id of ['100011', '100012', '100013']) assert.equal(await record(p, 1, id), undefined);
      assert.equal((await db(p).selectFrom('calls').select('id').where('id', '=', 'm-busy').execute()).length, 0);
      // One unknown, or one on a call: none of them is removed.
      refused(await p.campaign('DELETE', 'remove_record', { campaign_id: '1' }, { customer_id: '100014,ghost' }), 404, 'customer_id ghost does not exist in campaign_id 1');
      await attempt(p, 'm-live', { customerId: '100016', state: 'ringing' });
      refused(await p.campaign('DELETE', 'remove_record', { campaign_id: '1' }, { customer_id: '100015,100016' }), 409, 'customer_id 100016 is on a call: remove it when the call ends');
      for (const id of ['100014', '100015', '100016']) assert.notEqual(await record(p, 1, id), undefined);
      refused(await p.campaign('DELETE', 'remove_record', { campaign_id: '1' }, { customer_id: '100014,,100015' }), 400,
        'SOME PARAMETERS ARE REQUIRED: customer_id (expected 1 to 10000 values separated by commas; value 2 must be up to 64 letters, digits or ._@+-)');
    }));

    test('recall_records (the collection): records whose last result or disposition matches are new again', () => withPacer(kind, async (p) => {
      const closed = (ids: string[], result: string) => db(p).updateTable('records').set({ last_result: result, status: 'done', attempts: 3 })
        .where('campaign_id', '=', '1').where('customer_id', 'in', ids).execute();
      await closed(['100001', '100002'], 'failed');
      await closed(['100003'], 'busy');
      const r = await p.campaign('PUT', 'recall_records', { campaign_id: '1' }, { field: 'Cod_Machine', value: 'failed ' });
      assert.deepEqual([r.status, r.json], [200, {
        code: '200', error: null, msg: '2 record(s) have been marked for recall successfully',
        data: [{ campaign_id: '1', field: 'Cod_Machine', value: 'failed ', normalized_value: 'failed', affected_records: '2' }],
      }]);
      const again = await record(p, 1, '100001');
      assert.deepEqual([again?.status, again?.attempts, again?.last_result, again?.next_attempt_at], ['fresh', 0, null, null]);
      assert.equal((await record(p, 1, '100003'))?.status, 'done');
      // By disposition: the record's (codify) or its last call's; the codes stay.
      ok(await p.campaign('PUT', 'codify', { campaign_id: '1' }, { cod_act: 'NOSALE', customer_id: '100004' }), 202);
      const byCode = await p.campaign('PUT', 'recall_records', { campaign_id: '1' }, { field: 'cod_rslt1', value: 'NOSALE' });
      assert.deepEqual(byCode.json.data, [{ campaign_id: '1', field: 'cod_rslt1', value: 'NOSALE', normalized_value: 'NOSALE', affected_records: '1' }]);
      assert.deepEqual([(await record(p, 1, '100004'))?.status, (await record(p, 1, '100004'))?.cod_act], ['fresh', 'NOSALE']);
      // A preview outcome Pacer never records selects nothing; the field's case does not matter.
      const none = await p.campaign('PUT', 'recall_records', { campaign_id: '1' }, { field: 'COD_MACHINE', value: 'mailbox' });
      assert.deepEqual(none.json, {
        code: '200', error: null, msg: '0 record(s) have been marked for recall successfully',
        data: [{ campaign_id: '1', field: 'Cod_Machine', value: 'mailbox', normalized_value: 'MAILBOX', affected_records: '0' }],
      });
      refused(await p.campaign('PUT', 'recall_records', { campaign_id: '1' }, { field: 'result', value: 'FAILED' }), 400, 'SOME PARAMETERS ARE REQUIRED: field (expected Cod_Machine, cod_rslt1 or cod_rslt2)');
      refused(await p.campaign('PUT', 'recall_records', { campaign_id: '1' }, { field: 'Cod_Machine', value: 'LATER' }), 400, /^SOME PARAMETERS ARE REQUIRED: value \(expected one of NO-ANSWER, ANSWER-MACHINE/);
      refused(await p.campaign('PUT', 'recall_records', { campaign_id: '1' }, { field: 'Cod_Machine' }), 400, 'SOME PARAMETERS ARE REQUIRED: value');
      refused(await p.campaign('PUT', 'recall_records', { campaign_id: '9' }, { field: 'Cod_Machine', value: 'BUSY' }), 404, 'Campaign 9 does not exist');
      refused(await p.campaign('GET', 'recall_records', { campaign_id: '1' }), 405, 'api=recall_records must be called with PUT');
    }));

    test('clear_campaign: all records, or by result; refused while started', () => withPacer(kind, async (p) => {
      await db(p).updateTable('records').set({ last_result: 'busy' }).where('campaign_id', '=', '1').where('customer_id', 'in', ['100001', '100002']).execute();
      ok(await p.campaign('DELETE', 'clear_campaign', { type_campaign: 'predictive', campaign_id: '1', result: 'busy' }), 202,
        'All records has been deleted of campaign_id 1 successfully');
      const left = await db(p).selectFrom('records').select('customer_id').where('campaign_id', '=', '1').execute();
      assert.equal(left.length, 98);
      refused(await p.campaign('DELETE', 'clear_campaign', { campaign_id: '1', result: 'maybe' }), 400, /^SOME PARAMETERS ARE REQUIRED: result \(expected one of answer, no-answer/);
      ok(await p.campaign('PUT', 'start', { campaign_id: '1' }), 202);
      refused(await p.campaign('DELETE', 'clear_campaign', { campaign_id: '1' }), 409, 'Campaign 1 is started: stop it before clearing its records');
      ok(await p.campaign('PUT', 'stop', { campaign_id: '1' }), 202);
      ok(await p.campaign('PUT', 'recall', { campaign_id: '1' }, { recall_date: '20260302143000', recall_telephone: '3007654321', customer_id: '100010' }), 202);
      ok(await p.campaign('DELETE', 'clear_campaign', { campaign_id: '1' }), 202, 'All records has been deleted of campaign_id 1 successfully');
      assert.equal((await db(p).selectFrom('records').select('customer_id').where('campaign_id', '=', '1').execute()).length, 0);
      assert.deepEqual((await callbacks(p)).map((c) => c.status), ['cancelled']);
      refused(await p.campaign('GET', 'clear_campaign', { campaign_id: '1' }), 405, 'api=clear_campaign must be called with DELETE');
    }));

    test('find_record: by customer_id or phone, in one campaign or all', () => withPacer(kind, async (p) => {
      const byId = await p.campaign('GET', 'find_record', { customer_id: '100002' });
      // code "200" a string, and the collection's fields first, in its order ('' for none).
      okString(byId, 200, '1 records were found');
      const [found] = byId.json.data as Record<string, unknown>[];
      const opts = Array.from({ length: 12 }, (_, i) => `opt${i + 1}`);
      const tels = Array.from({ length: 10 }, (_, i) => `tel${i + 1}`);
      assert.deepEqual(Object.keys(found ?? {}).slice(0, 35), [
        'customer_name', 'customer_last_name', 'customer_id', 'country', 'state', 'city', 'zone', 'address', ...opts, ...tels, 'date', 'calls', 'conn_id', 'result', 'campaign_id',
      ]);
      assert.deepEqual([found?.customer_name, found?.country, found?.opt1, found?.tel2, found?.date, found?.calls, found?.conn_id, found?.result, found?.campaign_id],
        ['Customer 100002', '', '', '', '', '0', '', '', '1']);
      assert.equal(found?.status, 'fresh');
      const phone = String(found?.tel1);
      const byPhone = await p.campaign('GET', 'find_record', { customer_phone: phone });
      okString(byPhone, 200, '1 records were found');
      // Its last call: conn_id and date on the operation's clock.
      await attempt(p, 'f-1', { customerId: '100002', result: 'no-answer', placedAt: Date.parse('2026-03-02T13:00:00Z') });
      await attempt(p, 'f-2', { customerId: '100002', result: 'busy', placedAt: Date.parse('2026-03-02T14:00:00Z') });
      const called = await p.campaign('GET', 'find_record', { campaign_id: '1', customer_phone: phone, customer_id: '100002' });
      okString(called, 200);
      const [last] = called.json.data as Record<string, unknown>[];
      assert.deepEqual([last?.conn_id, last?.date], ['f-2', '2026-03-02 09:00:00']);
      refused(await p.campaign('GET', 'find_record', { campaign_id: '2', customer_id: '100002' }), 404, 'No record with customer_id 100002 in campaign_id 2');
      refused(await p.campaign('GET', 'find_record', { customer_phone: '999999' }), 404, 'No record with phone 999999 in any campaign');
      refused(await p.campaign('GET', 'find_record', { campaign_id: '5', customer_id: '1' }), 404, 'Campaign 5 does not exist');
      refused(await p.campaign('GET', 'find_record', {}), 400, /^SOME PARAMETERS ARE REQUIRED: customer_id \(or customer_phone/);
      refused(await p.campaign('GET', 'find_record', { customer_phone: 'abc' }), 400, /^SOME PARAMETERS ARE REQUIRED: customer_phone/);
      refused(await p.campaign('POST', 'find_record', { customer_id: '1' }), 405, 'api=find_record must be called with GET');
    }));

  });
}
