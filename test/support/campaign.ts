// Helpers of the campaign.php suites: envelope assertions, direct reads of the store, and
// attempts written as the dialer would write them.
import assert from 'node:assert/strict';
import { START, testPacer, type TestPacer } from './pacer.ts';
import type { StoreKind } from './stores.ts';
import type { VirtualClock } from '../../src/engine/virtual-clock.ts';

export type Answer = { status: number; json: Record<string, unknown> };

/** A success: numeric code equal to the HTTP status, error null, the exact message. */
export function ok(r: Answer, code: number, msg?: string): void {
  assert.equal(r.status, code, JSON.stringify(r.json));
  assert.equal(r.json.code, code);
  assert.equal(r.json.error, null);
  if (msg !== undefined) assert.equal(r.json.msg, msg);
}

/** A success of an api the collection shows with a string code ("200", "201"). */
export function okString(r: Answer, code: number, msg?: string): void {
  assert.equal(r.status, code, JSON.stringify(r.json));
  assert.equal(r.json.code, String(code));
  assert.equal(r.json.error, null);
  if (msg !== undefined) assert.equal(r.json.msg, msg);
}

/** A refusal: the envelope with a numeric code equal to the status, and a message matching. */
export function refused(r: Answer, code: number, msg: string | RegExp): void {
  assert.equal(r.status, code, JSON.stringify(r.json));
  assert.deepEqual(Object.keys(r.json), ['code', 'error', 'msg']);
  assert.equal(r.json.code, code);
  assert.equal(typeof r.json.error, 'string');
  if (typeof msg === 'string') assert.equal(r.json.msg, msg);
  else assert.match(String(r.json.msg), msg);
}

export const db = (p: TestPacer) => p.pacer.database.db;
export const record = (p: TestPacer, campaignId: number, customerId: string) =>
  db(p).selectFrom('records').selectAll().where('campaign_id', '=', String(campaignId)).where('customer_id', '=', customerId).executeTakeFirst();
export const callbacks = (p: TestPacer) => db(p).selectFrom('callbacks').selectAll().orderBy('id').execute();

/** A finished or live attempt of a campaign record, written as the dialer would. */
export async function attempt(p: TestPacer, id: string, fields: { campaignId?: number; customerId?: string; result?: string | null; state?: string; placedAt?: number; agentId?: string | null }) {
  const placed = fields.placedAt ?? START - 3600_000;
  const ended = fields.state === undefined || fields.state === 'ended';
  await db(p).insertInto('calls').values({
    id, operation_id: '0001', agent_id: fields.agentId ?? null, campaign_id: fields.campaignId ?? 1,
    customer_id: fields.customerId ?? '100001', customer_name: 'Customer', phone: '3001000000', origin: 'campaign',
    state: fields.state ?? 'ended', result: fields.result ?? null, parent_call_id: null, placed_at: new Date(placed),
    answered_at: fields.result === 'answer' ? new Date(placed + 5000) : null, connected_at: null,
    ended_at: ended ? new Date(placed + 60_000) : null, cod_act: null, cod_act_2: null, comments: null, disposed_at: null,
  }).execute();
}

export async function withPacer(kind: StoreKind, body: (p: TestPacer) => Promise<void>, env?: Record<string, string>, clock?: VirtualClock) {
  const p = await testPacer(kind, { ...(env ? { env } : {}), ...(clock ? { clock } : {}) });
  try {
    await body(p);
  } finally {
    await p.close();
  }
}

