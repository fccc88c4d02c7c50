// The placing half of one pacing decision: claim what is due (campaign recalls first, then
// retries and fresh records) in the zones open now, refuse the numbers the operation may not call
// (its outbound-number policy, its do-not-call list in any written form of the number), and place
// the rest as campaign calls with no agent (./connect.ts connects them when answered).
import { doNotCallRefusal, policyRefusal, writtenForms, type OutboundRefusal } from '../../domain/outbound-number.ts';
import { afterAttempt } from '../../domain/record-result.ts';
import type { Callback } from '../../domain/callback.ts';
import type { CallLifecycle } from '../call-lifecycle.ts';
import type { CustomerLeg } from '../telephony/customer-route.ts';
import type { ClaimedRecord, DialCampaign } from '../ports/dialing.ts';
import type { Tx } from '../ports/store.ts';
import { saveOutcome } from './attempts.ts';

/** What a decision claimed: due recalls, records, and why a number may not be called. */
interface Claimed {
  recalls: Callback[];
  records: ClaimedRecord[];
  refusalOf(phone: string): OutboundRefusal | undefined;
}

/** How the batch goes out: the leg to a phone through the trunk the decision found room on. */
export type LegOf = (phone: string) => CustomerLeg;

/** Places up to `wanted` attempts of the campaign in the `open` zones. */
export async function placeAttempts(tx: Tx, calls: CallLifecycle, campaign: DialCampaign, wanted: number, open: readonly string[], now: number, legOf: LegOf): Promise<void> {
  const claimed = await claim(tx, campaign, wanted, open, now);
  for (const cb of claimed.recalls) await dialRecall(tx, calls, campaign, cb, claimed.refusalOf(cb.phone), now, legOf);
  for (const r of claimed.records) {
    const refusal = claimed.refusalOf(r.phone);
    if (refusal) await refuse(tx, campaign, r.customerId, r.phone, refusal, now);
    else await place(tx, calls, campaign, r.phone, r.customerId, r.customerName, now, legOf);
  }
}

async function claim(tx: Tx, campaign: DialCampaign, wanted: number, open: readonly string[], now: number): Promise<Claimed> {
  const recalls = await tx.callbacks.claimCampaignDue(campaign.operationId, campaign.id, now, wanted, open);
  const records = await tx.dialing.claimRecords(campaign, now, wanted - recalls.length, open);
  // Compliance: the policy first, then the do-not-call list, in one read for the whole batch.
  const { outboundPolicy: policy } = campaign;
  const phones = [...recalls.map((cb) => cb.phone), ...records.map((r) => r.phone)];
  const blocked = await tx.dnc.blocked(campaign.operationId, phones.flatMap((p) => writtenForms(p, policy.countryCode)), now);
  const refusalOf = (phone: string) => policyRefusal(phone, policy)
    ?? (writtenForms(phone, policy.countryCode).some((f) => blocked.has(f)) ? doNotCallRefusal(phone) : undefined);
  return { recalls, records, refusalOf };
}

/** A due campaign recall: an attempt of its record, dialled to the recall's phone. */
async function dialRecall(tx: Tx, calls: CallLifecycle, campaign: DialCampaign, cb: Callback, refusal: OutboundRefusal | undefined, now: number, legOf: LegOf): Promise<void> {
  const customerId = cb.customerId;
  if (customerId !== null) await tx.records.startAttempt({ operationId: cb.operationId, campaignId: campaign.id, customerId }, now);
  if (refusal) return refuse(tx, campaign, customerId, cb.phone, refusal, now);
  const call = await place(tx, calls, campaign, cb.phone, customerId, null, now, legOf);
  await tx.callbacks.markDialled(cb.id, call.id, now);
  await tx.events.append({
    operationId: cb.operationId, at: now, type: 'callback.dialled', campaignId: campaign.id, callId: call.id,
    data: { callback_id: cb.id, phone: cb.phone, customer_id: customerId, conn_id: call.id },
  });
}

function place(tx: Tx, calls: CallLifecycle, c: DialCampaign, phone: string, customerId: string | null, customerName: string | null, now: number, legOf: LegOf) {
  return calls.place(tx, { operationId: c.operationId, phone, origin: 'campaign', campaignId: c.id, customerId, customerName }, now, legOf(phone));
}

/** A number the operation may not call is not dialled: its record's attempt ends as do-not-call. */
async function refuse(tx: Tx, campaign: DialCampaign, customerId: string | null, phone: string, refusal: OutboundRefusal, now: number): Promise<void> {
  if (customerId !== null) {
    const key = { operationId: campaign.operationId, campaignId: campaign.id, customerId };
    const attempts = (await tx.records.lockAttempts(key))?.attempts ?? 1;
    await saveOutcome(tx, key, 'do-not-call', attempts, afterAttempt('do-not-call', attempts, campaign.maxAttempts, now), now, null);
  }
  await tx.events.append({
    operationId: campaign.operationId, at: now, type: 'record.do_not_call', campaignId: campaign.id, data: { customer_id: customerId, phone, rule: refusal.rule, reason: refusal.message },
  });
}
