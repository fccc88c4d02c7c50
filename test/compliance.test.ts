// Compliance in record selection, through the real app on the virtual clock and on both stores:
// records are dialled only when their own local time is inside the campaign's calling schedule
// (holidays closed), the dialer wakes when a window opens, campaign recalls wait for their
// record's window, and "one contact per day" holds a contacted record until its next local
// midnight. Each test starts its clock at the instant it needs instead of advancing to it.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { callingScheduleToJson, defaultCallingSchedule } from '../src/domain/calling-schedule.ts';
import { PacerError } from '../src/domain/errors.ts';
import { type ComplianceChange } from '../src/engine/campaign/compliance.ts';
import { virtualClock } from '../src/engine/virtual-clock.ts';
import { progressive } from '../src/domain/pacing/strategy.ts';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer, type TestPacer, type TestPacerOptions } from './support/pacer.ts';

after(stopSharedEmbedded);

const db = (p: TestPacer) => p.pacer.database.db;
const record = (p: TestPacer, customerId: string) =>
  db(p).selectFrom('records').selectAll().where('campaign_id', '=', '1').where('customer_id', '=', customerId).executeTakeFirstOrThrow();
const placed = async (p: TestPacer) =>
  (await db(p).selectFrom('calls').selectAll().where('origin', '=', 'campaign').orderBy('placed_at').orderBy('customer_id').execute());
/** A Bogota wall-clock time (UTC-5 all year) as an instant. */
const bogota = (local: string) => Date.parse(`${local}-05:00`);

/** A Pacer whose clock starts at `start`, with campaign 1's demo records closed so only the test's records count. */
async function pacerAt(kind: Parameters<typeof testPacer>[0], start: number, options: TestPacerOptions = {}): Promise<TestPacer> {
  const p = await testPacer(kind, { clock: virtualClock(start), strategyFor: () => progressive(), ...options });
  await db(p).updateTable('records').set({ status: 'done' }).where('campaign_id', '=', '1').execute();
  return p;
}

async function addRecords(p: TestPacer, rows: Record<string, string>[]) {
  const r = await p.campaign('POST', 'add_record', { campaign_id: '1', type_campaign: 'predictive' }, rows);
  assert.equal(r.status, 201, JSON.stringify(r.json));
  return r.json;
}

async function ready(p: TestPacer, ...agents: string[]) {
  for (const a of agents) assert.equal((await p.agentbox('change_status', { agent_id: a, status: 'ready' })).status, 200);
}

async function start(p: TestPacer) {
  assert.equal((await p.campaign('PUT', 'start', { campaign_id: '1' })).status, 202);
}

/** The campaign change use case (what PATCH /v1/campaigns/1 runs), with compliance settings only. */
async function compliance(p: TestPacer, change: ComplianceChange) {
  return p.pacer.engine.campaign.change(await p.access(), '1', change);
}

for (const { kind, skip } of await storeKinds()) {
  describe(`compliance in record selection on ${kind}`, { skip }, () => {
    test('only records whose local time is inside the window are dialled; a recall waits for its record\'s zone', async () => {
      // Monday 2 March 2026, 10:00 in Bogota: 16:00 in Madrid, midnight in Tokyo.
      const p = await pacerAt(kind, bogota('2026-03-02T10:00:00'));
      try {
        const report = await addRecords(p, [
          { customer_id: 'tokyo-1', tel1: '3101000001', time_zone: 'Asia/Tokyo' },
          { customer_id: 'tokyo-2', tel1: '3101000002', time_zone: 'asia/tokyo' },
          { customer_id: 'madrid-1', tel1: '3101000003', time_zone: 'Europe/Madrid' },
          { customer_id: 'bogota-1', tel1: '3101000004' },
          { customer_id: 'bad-zone', tel1: '3101000005', time_zone: 'Mars/Olympus' },
        ]);
        assert.deepEqual((report.data as { rejected: unknown[] }[])[0]?.rejected, [
          { index: '4', customer_id: 'bad-zone', reason: 'time_zone must be an IANA time zone name such as America/Bogota' },
        ]);
        assert.equal((await record(p, 'tokyo-2')).time_zone, 'Asia/Tokyo', 'stored in its canonical spelling');
        assert.equal((await record(p, 'bogota-1')).time_zone, 'America/Bogota', 'no zone given: the operation\'s');
        const found = await p.campaign('GET', 'find_record', { customer_id: 'madrid-1' });
        assert.equal((found.json.data as { time_zone: string }[])[0]?.time_zone, 'Europe/Madrid');
        // tokyo-1 also has a campaign recall due now: it waits for Tokyo's window too.
        await db(p).insertInto('callbacks').values({
          operation_id: '0001', agent_id: null, campaign_id: 1, customer_id: 'tokyo-1', phone: '3101000001',
          due_at: new Date(p.clock.now() - 1000), type_recall: 'auto', status: 'pending', fired_at: null, call_id: null,
          created_at: new Date(p.clock.now()),
        }).execute();
        await ready(p, '1001', '1002', '1003', '1004');
        await start(p);
        await p.clock.advance(1000);
        assert.deepEqual((await placed(p)).map((c) => c.customer_id), ['bogota-1', 'madrid-1']);
        for (const id of ['tokyo-1', 'tokyo-2']) {
          const r = await record(p, id);
          assert.deepEqual([r.status, r.attempts], ['fresh', 0], id);
        }
        const cb = await db(p).selectFrom('callbacks').select('status').where('customer_id', '=', 'tokyo-1').executeTakeFirstOrThrow();
        assert.equal(cb.status, 'pending');
      } finally {
        await p.close();
      }
    });

    test('a sleeping dialer wakes at the instant the window opens', async () => {
      // Monday 06:59:50 in Bogota, ten seconds before the default schedule opens.
      const p = await pacerAt(kind, bogota('2026-03-02T06:59:50'));
      try {
        await addRecords(p, [{ customer_id: 'early-1', tel1: '3101000011' }]);
        await ready(p, '1001');
        await start(p);
        await p.clock.advance(9000);
        assert.equal((await placed(p)).length, 0, 'closed before 07:00');
        await p.clock.advance(2000);
        const calls = await placed(p);
        assert.deepEqual(calls.map((c) => c.customer_id), ['early-1']);
        assert.equal(calls[0]?.placed_at.getTime(), bogota('2026-03-02T07:00:00'), 'placed at the opening, not at the next idle re-check');
      } finally {
        await p.close();
      }
    });

    test('no call on a Colombian public holiday; a campaign whose schedule has no holidays calls', async () => {
      // Monday 23 March 2026, San José (moved from Thursday 19th), 10:00 in Bogota.
      const p = await pacerAt(kind, bogota('2026-03-23T10:00:00'));
      try {
        await addRecords(p, [{ customer_id: 'holiday-1', tel1: '3101000021' }]);
        await ready(p, '1001');
        await start(p);
        await p.clock.advance(2000);
        assert.equal((await placed(p)).length, 0);
        await compliance(p, { callingSchedule: { ...callingScheduleToJson(defaultCallingSchedule), holidays: 'none' } });
        await p.clock.advance(1000);
        assert.deepEqual((await placed(p)).map((c) => c.customer_id), ['holiday-1']);
      } finally {
        await p.close();
      }
    });

    test('no call on a Sunday', async () => {
      const p = await pacerAt(kind, bogota('2026-03-08T10:00:00'));
      try {
        await addRecords(p, [{ customer_id: 'sunday-1', tel1: '3101000031' }]);
        await ready(p, '1001');
        await start(p);
        await p.clock.advance(2000);
        assert.equal((await placed(p)).length, 0);
      } finally {
        await p.close();
      }
    });

    test('one contact per day: a record a person answered waits for its next local midnight', async () => {
      // Monday 10:00 in Bogota, 09:00 in Mexico City (UTC-6).
      const a = await pacerAt(kind, bogota('2026-03-02T10:00:00'), { keepSchema: true });
      let b: TestPacer | undefined;
      try {
        await compliance(a, { oneContactPerDay: true });
        await addRecords(a, [{ customer_id: 'mx-1', tel1: '3101000041', time_zone: 'America/Mexico_City' }]);
        await ready(a, '1001');
        await start(a);
        await a.clock.advance(4000); // the demo customer answers within 3 s and is connected
        const [call] = await placed(a);
        assert.equal(call?.state, 'connected');
        // The process dies during the conversation; the next one ends the call as unknown.
        await a.close();
        b = await testPacer(kind, { schema: a.schema, clock: a.clock });
        const ended = await db(b).selectFrom('calls').selectAll().where('id', '=', call.id).executeTakeFirstOrThrow();
        assert.equal(ended.result, 'unknown');
        const r = await record(b, 'mx-1');
        assert.deepEqual([r.status, r.last_result], ['fresh', 'unknown']);
        // Not in 10 minutes (the retry delay of unknown): at midnight in Mexico City.
        assert.equal(r.next_attempt_at?.toISOString(), '2026-03-03T06:00:00.000Z');
      } finally {
        if (b) await b.close();
        else await a.close();
      }
    });

    test('the schedule and the option are stored per campaign; the store\'s default is the domain\'s', async () => {
      const p = await testPacer(kind);
      try {
        const { engine } = p.pacer;
        const get = (id: string) => p.pacer.store.transaction((tx) => tx.campaigns.get('0001', id));
        // Campaign 1 was inserted by the demo without naming them: the migration's defaults.
        const demo = await get('1');
        assert.deepEqual(demo?.callingSchedule, defaultCallingSchedule);
        assert.equal(demo?.oneContactPerDay, false);
        const created = await p.campaign('POST', 'create_campaign', { type_campaign: 'predictive' }, { campaign_name: 'Defaults' });
        const id = String((created.json.data as { id_campaign: string }[])[0]?.id_campaign);
        assert.deepEqual((await get(id))?.callingSchedule, defaultCallingSchedule);
        const evenings = { mon: ['18:00-21:00'], sat: ['09:00-12:00'], holidays: 'none' };
        const own = await engine.campaign.create(await p.access(), {
          type: 'predictive', name: 'Evenings', description: '', startTime: null, endTime: null, skillId: null, optTitles: {},
          enableEdition: false, callingSchedule: evenings, oneContactPerDay: true,
        });
        const stored = await get(own.campaignId);
        assert.equal(stored?.oneContactPerDay, true);
        assert.deepEqual(stored?.callingSchedule.days.mon, [{ from: 18 * 3600, to: 21 * 3600 }]);
        assert.deepEqual(stored?.callingSchedule.days.tue, []);
        const row = await db(p).selectFrom('campaigns').select('calling_schedule').where('id', '=', own.campaignId).executeTakeFirstOrThrow();
        assert.deepEqual(row.calling_schedule, { ...evenings, tue: [], wed: [], thu: [], fri: [], sun: [] });
        await assert.rejects(compliance(p, { callingSchedule: { mon: ['19:00-07:00'], holidays: 'CO' } }),
          (e: unknown) => e instanceof PacerError && e.code === 'BAD_VALUE' && /calling_schedule: mon/.test(e.message));
      } finally {
        await p.close();
      }
    });

    test('a record waiting for its campaign recall moves out of the claims\' way until the recall\'s time', async () => {
      const p = await testPacer(kind);
      try {
        await addRecords(p, [{ customer_id: 'r-1', tel1: '3101000061', recall_date: '20260302150000' }]);
        assert.equal((await record(p, 'r-1')).next_attempt_at?.getTime(), bogota('2026-03-02T15:00:00'));
        const recall = await p.campaign('PUT', 'recall', { campaign_id: '1' }, { customer_id: '100001', recall_date: '20260303090000', recall_telephone: '3009990001' });
        assert.equal(recall.status, 202);
        assert.equal((await record(p, '100001')).next_attempt_at?.getTime(), bogota('2026-03-03T09:00:00'));
      } finally {
        await p.close();
      }
    });

    test('a campaign whose stored schedule does not read dials nothing; the others go on', async () => {
      const p = await testPacer(kind, { strategyFor: () => progressive() });
      try {
        await db(p).updateTable('campaigns').set({ calling_schedule: JSON.stringify({ mon: 'all day' }) }).where('id', '=', '1').execute();
        await db(p).insertInto('campaigns').values({
          operation_id: '0001', id: 3, name: 'Second', type: 'predictive', skill_id: null, start_time: null, end_time: null,
          created_at: new Date(p.clock.now()),
        }).execute();
        await db(p).insertInto('records').values({
          operation_id: '0001', campaign_id: 3, customer_id: '30001', data: JSON.stringify({}), phones: ['3017770001'], created_at: new Date(p.clock.now()),
        }).execute();
        await db(p).updateTable('campaigns').set({ status: 'started' }).where('id', 'in', ['1', '3']).execute();
        p.pacer.engine.background.dialer.wake();
        await ready(p, '1001', '1002');
        await p.clock.advance(1000);
        assert.deepEqual((await placed(p)).map((c) => [String(c.campaign_id), c.customer_id]), [['3', '30001']]);
      } finally {
        await p.close();
      }
    });

    test('the zones of a campaign\'s records are listed as records are loaded and change zone', async () => {
      const p = await testPacer(kind);
      try {
        const zones = () => p.pacer.store.transaction((tx) => tx.dialing.timeZones('0001', '1'));
        assert.deepEqual(await zones(), ['America/Bogota'], 'the demo records, inserted without a zone');
        await addRecords(p, [
          { customer_id: 'z-1', tel1: '3101000051', time_zone: 'America/Lima' },
          { customer_id: 'z-2', tel1: '3101000052', time_zone: 'America/Lima' },
        ]);
        assert.deepEqual(await zones(), ['America/Bogota', 'America/Lima']);
        // Loading z-2 again with another zone moves it (an update replaces the zone like the other fields).
        await addRecords(p, [{ customer_id: 'z-2', tel1: '3101000052', time_zone: 'America/Caracas' }]);
        assert.equal((await record(p, 'z-2')).time_zone, 'America/Caracas');
        assert.deepEqual(await zones(), ['America/Bogota', 'America/Caracas', 'America/Lima']);
      } finally {
        await p.close();
      }
    });
  });
}
