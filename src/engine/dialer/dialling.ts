// The dialer's word on why a started campaign is not dialling. At each pacing decision it works
// out the reasons (src/domain/not-dialling.ts) and, when their names differ from the ones it last
// announced, appends a `campaign.dialling` event and keeps what it said on the campaign's row. The
// decision holds the campaign's lock, so processes sharing a database announce one change once,
// and a restart does not announce again what was already said.
import type { AgentState } from '../../domain/agent-state.ts';
import type { CallingWindow } from '../../domain/calling-window.ts';
import { availableAgents, notDialling, notDiallingWords, reasonsKey, zonesAt, type DiallingSnapshot, type NotDialling } from '../../domain/not-dialling.ts';
import type { DialCampaign } from '../ports/dialing.ts';
import type { Tx } from '../ports/store.ts';

export const windowOf = (c: DialCampaign): CallingWindow => ({ schedule: c.callingSchedule, startTime: c.startTime, endTime: c.endTime });

/**
 * The reasons a started campaign is not dialling now (null: it is dialling), announced when they
 * changed. `agents`: the states of its logged-in agents; `zones`: the zones of its records; `trunk`:
 * the operation's trunk on a real carrier (customer-route.ts trunkState).
 */
export async function announceDialling(
  tx: Tx, campaign: DialCampaign, agents: readonly AgentState[], zones: readonly string[], now: number, trunk?: DiallingSnapshot['trunk'],
): Promise<NotDialling[] | null> {
  const present = await tx.dialing.recordsPresent(campaign.operationId, campaign.id, zones, now);
  const reasons = notDialling({
    status: 'started', zones: zonesAt(windowOf(campaign), present, now), agentsAvailable: availableAgents(agents), ...(trunk ? { trunk } : {}),
  });
  const key = reasonsKey(reasons);
  if (key === campaign.notDiallingAnnounced) return reasons;
  await tx.campaigns.update(campaign.operationId, campaign.id, { notDiallingAnnounced: key });
  await tx.events.append({
    operationId: campaign.operationId, at: now, type: 'campaign.dialling', campaignId: campaign.id,
    data: { not_dialling: notDiallingWords(reasons, campaign.timeZone) },
  });
  return reasons;
}
