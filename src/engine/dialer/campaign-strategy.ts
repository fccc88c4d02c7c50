// The strategy that paces a campaign in production: its dial mode (`predictive`, `progressive`,
// `ratio:X`, `adapt`) with the abandon target its `speed` maps to — the same strategies the shift
// simulator measures (src/domain/pacing).
import { abandonTargetOfSpeed } from '../../domain/pacing/speed.ts';
import { createStrategy } from '../../domain/pacing/strategies.ts';
import { progressive, type PacingStrategy } from '../../domain/pacing/strategy.ts';
import type { DialCampaign } from '../ports/dialing.ts';

export function campaignStrategy(campaign: DialCampaign, connectDeadlineMs: number): PacingStrategy {
  try {
    return createStrategy(campaign.dialMode, { abandonTarget: abandonTargetOfSpeed(campaign.speed), connectDeadlineS: connectDeadlineMs / 1000 });
  } catch {
    // A mode this version does not know (set directly in the database) dials progressively,
    // which never abandons.
    return progressive();
  }
}

/** Strategies keep what they learned while the campaign's mode and speed stay the same. */
export function strategyKey(c: DialCampaign): string {
  return `${c.operationId}/${c.id}/${c.dialMode}/${c.speed}`;
}
