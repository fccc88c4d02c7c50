// Preview dialling: an agent of a preview campaign sees the campaign's next record before calling
// it, and dials it or skips it. The record shown is held for that agent (no other agent is offered
// it) for `previewHoldMs`, renewed each time the agent asks; a skipped record is set aside for
// `previewSkipMs`, then offered again like any other. A dial is an attempt of the record, as the
// dialer's are: the record is `dialing` until the call ends, and the call's result decides its
// next attempt (src/domain/record-result.ts). The dialer itself never dials a preview campaign.
import { isOnCall, type Agent } from '../../domain/agent.ts';
import { isCallingOpen, openTimeZones, type CallingWindow } from '../../domain/calling-window.ts';
import type { CampaignRecord } from '../../domain/campaign.ts';
import { fail } from '../../domain/errors.ts';
import { afterAttempt } from '../../domain/record-result.ts';
import type { CallLifecycle } from '../call-lifecycle.ts';
import type { RequestContext } from '../deps.ts';
import { saveOutcome } from '../dialer/attempts.ts';
import { outboundRefusal, refuseNumber, type NumberRefused } from '../outbound/refusal.ts';
import type { DialCampaign } from '../ports/dialing.ts';
import type { Tx } from '../ports/store.ts';
import { lockAgent } from './lock-agent.ts';

/** How long the record an agent is shown stays its own without the agent asking again. */
export const previewHoldMs = 10 * 60_000;
/** How long a skipped record is set aside before any agent is offered it again. */
export const previewSkipMs = 60 * 60_000;

export interface PreviewOffer {
  /** The started preview campaigns the agent works (none: the agent works no preview campaign). */
  campaigns: { id: string; name: string }[];
  /** The record held for the agent, with the phone a dial would call; null when there is none to call now. */
  next: { campaignId: string; record: CampaignRecord; phone: string; heldUntil: number } | null;
}

export interface PreviewKey {
  campaignId: string;
  customerId: string;
}

const windowOf = (c: DialCampaign): CallingWindow => ({ schedule: c.callingSchedule, startTime: c.startTime, endTime: c.endTime });
/** The phone of the record's next attempt: tel1…tel10 in turn, as the dialer takes them. */
const nextPhone = (r: CampaignRecord): string | undefined => r.phones[r.attempts % Math.max(1, r.phones.length)];

/** Whether the record may be called now (the hold apart): fresh, due, attempts and a phone left, its zone open. */
function dialable(c: DialCampaign, r: CampaignRecord, now: number): string | undefined {
  if (r.status !== 'fresh') return `it is ${r.status}`;
  if (r.attempts >= c.maxAttempts) return `it has had its ${c.maxAttempts} attempts`;
  if (r.nextAttemptAt !== null && r.nextAttemptAt > now) return `its next attempt is due at ${new Date(r.nextAttemptAt).toISOString()}`;
  if (r.phones.length === 0) return 'it has no phone';
  if (!isCallingOpen(windowOf(c), now, r.timeZone)) return `the campaign's calling window is closed in ${r.timeZone}`;
  return undefined;
}

/**
 * The record the agent previews: the one it holds, or (when it is ready) the next one of its
 * preview campaigns, taken for it. An agent that is not ready keeps what it holds but is given
 * nothing new.
 */
export async function takePreview(tx: Tx, ctx: RequestContext, agentId: string): Promise<PreviewOffer> {
  const agent = await lockAgent(tx, ctx, agentId);
  const campaigns = await tx.dialing.previewCampaigns(ctx.operationId, agent.id);
  const offer = (next: PreviewOffer['next']): PreviewOffer => ({ campaigns: campaigns.map((c) => ({ id: c.id, name: c.name })), next });
  if (campaigns.length === 0) return offer(null);
  const heldUntil = ctx.now + previewHoldMs;

  const held = await tx.dialing.heldBy(ctx.operationId, agent.id, ctx.now);
  const heldCampaign = held && campaigns.find((c) => c.id === held.campaignId);
  if (held && heldCampaign) {
    const key = { operationId: ctx.operationId, campaignId: held.campaignId, customerId: held.customerId };
    const record = await tx.records.lock(key);
    const phone = record && dialable(heldCampaign, record, ctx.now) === undefined ? nextPhone(record) : undefined;
    if (record && phone !== undefined) {
      await tx.dialing.hold(key, agent.id, heldUntil);
      return offer({ campaignId: held.campaignId, record, phone, heldUntil });
    }
    // Closed, changed or out of its window since: no longer the agent's to hold.
    await tx.dialing.release(key);
  }
  if (agent.state !== 'ready') return offer(null);
  return offer(await pickFor(tx, ctx, agent, campaigns, heldUntil));
}

async function pickFor(tx: Tx, ctx: RequestContext, agent: Agent, campaigns: DialCampaign[], heldUntil: number): Promise<PreviewOffer['next']> {
  for (const campaign of campaigns) {
    const zones = [...new Set([...(await tx.dialing.timeZones(ctx.operationId, campaign.id)), campaign.timeZone])];
    const customerId = await tx.dialing.pickPreview(campaign, ctx.now, openTimeZones(windowOf(campaign), zones, ctx.now));
    if (customerId === undefined) continue;
    const key = { operationId: ctx.operationId, campaignId: campaign.id, customerId };
    const record = await tx.records.lock(key);
    const phone = record && nextPhone(record);
    if (!record || phone === undefined) continue;
    await tx.dialing.hold(key, agent.id, heldUntil);
    await tx.events.append({
      operationId: ctx.operationId, at: ctx.now, type: 'record.previewed', agentId: agent.id, campaignId: campaign.id,
      data: { customer_id: customerId, held_until: new Date(heldUntil).toISOString() },
    });
    return { campaignId: campaign.id, record, phone, heldUntil };
  }
  return null;
}

/** The record, checked for `agent`: of a preview campaign it works, not held by another agent nor set aside. */
async function lockOffered(tx: Tx, ctx: RequestContext, agent: Agent, which: PreviewKey): Promise<{ campaign: DialCampaign; record: CampaignRecord }> {
  const campaign = (await tx.dialing.previewCampaigns(ctx.operationId, agent.id)).find((c) => c.id === which.campaignId);
  if (!campaign) {
    if (!(await tx.dialing.campaign(ctx.operationId, which.campaignId))) throw fail.campaignNotFound(which.campaignId);
    throw fail.campaignConflict(`Campaign ${which.campaignId} is not a started preview campaign that agent ${agent.id} works`);
  }
  const key = { operationId: ctx.operationId, ...which };
  const record = await tx.records.lock(key);
  if (!record) throw fail.recordNotFound(which.campaignId, which.customerId);
  const hold = await tx.dialing.lockHold(key);
  if (hold && hold.until > ctx.now && hold.agentId !== agent.id) {
    const until = new Date(hold.until).toISOString();
    throw fail.campaignConflict(hold.agentId === null
      ? `customer_id ${which.customerId} was skipped: it is set aside until ${until}`
      : `customer_id ${which.customerId} is held for agent ${hold.agentId} until ${until}`);
  }
  return { campaign, record };
}

/** Dials the record the agent previews: an attempt of the record, connected to the agent when answered. */
export function createPreviewDial(calls: CallLifecycle) {
  return async (tx: Tx, ctx: RequestContext, agentId: string, which: PreviewKey): Promise<{ connId: string } | NumberRefused> => {
    const agent = await lockAgent(tx, ctx, agentId);
    if (agent.state === 'logout') throw fail.agentState(`Agent ${agent.id} is logged out and cannot dial`);
    if (isOnCall(agent)) throw fail.agentState(`Agent ${agent.id} is already on call ${agent.callId} and cannot dial`);
    const { campaign, record } = await lockOffered(tx, ctx, agent, which);
    const why = dialable(campaign, record, ctx.now);
    if (why !== undefined) throw fail.campaignConflict(`customer_id ${which.customerId} cannot be dialled now: ${why}`);
    const phone = nextPhone(record) ?? '';
    const key = { operationId: ctx.operationId, ...which };
    await tx.dialing.release(key);
    const attempts = (await tx.records.startAttempt(key, ctx.now)) ?? record.attempts + 1;
    const refusal = await outboundRefusal(tx, ctx.operationId, phone, ctx.now);
    if (refusal) {
      // As the dialer does: the attempt ends as do-not-call, and the agent is told why.
      await saveOutcome(tx, key, 'do-not-call', attempts, afterAttempt('do-not-call', attempts, campaign.maxAttempts, ctx.now), ctx.now, null);
      return refuseNumber(tx, ctx, phone, refusal, 'campaign', agent.id);
    }
    const call = await calls.place(tx, {
      operationId: ctx.operationId, phone, origin: 'campaign', agent, campaignId: campaign.id, customerId: record.customerId,
      customerName: record.data.customer_name ?? null,
    }, ctx.now);
    return { connId: call.id };
  };
}

/** Skips the record the agent previews (set aside for `previewSkipMs`) and answers the next one. */
export async function skipPreview(tx: Tx, ctx: RequestContext, agentId: string, which: PreviewKey): Promise<PreviewOffer> {
  const agent = await lockAgent(tx, ctx, agentId);
  await lockOffered(tx, ctx, agent, which);
  const until = ctx.now + previewSkipMs;
  await tx.dialing.hold({ operationId: ctx.operationId, ...which }, null, until);
  await tx.events.append({
    operationId: ctx.operationId, at: ctx.now, type: 'record.skipped', agentId: agent.id, campaignId: which.campaignId,
    data: { customer_id: which.customerId, until: new Date(until).toISOString() },
  });
  return takePreview(tx, ctx, agentId);
}
