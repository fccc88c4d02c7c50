// The demo operation a newcomer finds on first start: operation 0001 (America/Bogota), agents
// 1001–1010, three auxiliary states, a few activity codes, a predictive and a preview campaign
// with records, and a token.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './adapters/store/schema.ts';
import { hashToken } from './engine/gate.ts';
import { hashPassword } from './engine/passwords.ts';

export const demoOperation = '0001';

export interface DemoResult {
  created: boolean;
  /** The token's value when this start created it (it is stored only as a hash). */
  token: string | null;
  /** The demo users' password when this start made it up (PACER_DEMO_PASSWORD unset). */
  password: string | null;
}

/** Console users of the demo: one per agent (username = agent id), a supervisor and an admin. */
export interface DemoUsers {
  /** PACER_DEMO_PASSWORD, or null for a random one. */
  password: string | null;
}

const auxStates: [number, string][] = [[1, 'Active breaks'], [2, 'Lunch'], [3, 'Training']];
const activityCodes: [1 | 2, string, string][] = [
  [1, 'SALE', 'Sale'], [1, 'NOSALE', 'No sale'], [1, 'CALLBACK', 'Call back later'], [1, 'WRONG', 'Wrong number'],
  [2, 'NEW', 'New customer'], [2, 'EXISTING', 'Existing customer'], [2, 'NA', 'Not applicable'],
];

function records(campaignId: number, from: number, count: number, now: Date) {
  return Array.from({ length: count }, (_, i) => {
    const customerId = String(from + i);
    const phone = `300${String(1000000 + i + (campaignId - 1) * 500).padStart(7, '0')}`;
    return {
      operation_id: demoOperation, campaign_id: campaignId, customer_id: customerId,
      data: JSON.stringify({ customer_name: `Customer ${customerId}`, customer_last_name: 'Demo', tel1: phone }),
      phones: [phone], created_at: now,
    };
  });
}

/** Creates the demo operation if the database has no operation yet. */
export async function ensureDemo(db: Kysely<Database>, nowMs: number, demoToken: string | null, users?: DemoUsers): Promise<DemoResult> {
  const password = users ? (users.password ?? randomBytes(9).toString('base64url')) : null;
  // One hash for all the demo users (hashing is slow on purpose).
  const passwordHash = password === null ? null : await hashPassword(password, randomBytes(16));
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('operations').select('id').limit(1).executeTakeFirst();
    if (existing) return { created: false, token: null, password: null };
    const now = new Date(nowMs);
    await trx.insertInto('operations').values({ id: demoOperation, name: 'Demo operation', time_zone: 'America/Bogota', created_at: now }).execute();
    await trx.insertInto('aux_states').values(auxStates.map(([id, name]) => ({ operation_id: demoOperation, id, name }))).execute();
    await trx.insertInto('activity_codes').values(activityCodes.map(([grp, code, name]) => ({ operation_id: demoOperation, grp, code, name }))).execute();
    await trx.insertInto('agents').values(Array.from({ length: 10 }, (_, i) => ({
      operation_id: demoOperation, id: String(1001 + i), name: `Agent ${1001 + i}`, aux_id: null, next_state: null,
      next_aux_id: null, state_since: now, call_id: null, last_call_id: null,
    }))).execute();
    await trx.insertInto('campaigns').values([
      { operation_id: demoOperation, id: 1, name: 'Demo predictive', type: 'predictive', dial_mode: 'predictive', skill_id: null, start_time: null, end_time: null, created_at: now },
      { operation_id: demoOperation, id: 2, name: 'Demo preview', type: 'preview', dial_mode: 'preview', skill_id: null, start_time: null, end_time: null, created_at: now },
    ]).execute();
    await trx.insertInto('records').values([...records(1, 100001, 100, now), ...records(2, 200001, 20, now)]).execute();
    const token = demoToken ?? randomBytes(24).toString('hex');
    await trx.insertInto('api_tokens').values({
      operation_id: demoOperation, hash: hashToken(token), description: 'Demo token', daily_limit: null, created_at: now,
    }).execute();
    if (passwordHash !== null) {
      await trx.insertInto('users').values([
        ...Array.from({ length: 10 }, (_, i) => ({ username: String(1001 + i), role: 'agent' as const, agent_id: String(1001 + i) })),
        { username: 'supervisor', role: 'supervisor' as const, agent_id: null },
        { username: 'admin', role: 'admin' as const, agent_id: null },
      ].map((u) => ({ ...u, operation_id: demoOperation, password_hash: passwordHash, created_at: now }))).execute();
    }
    return { created: true, token, password: users?.password === null ? password : null };
  });
}
