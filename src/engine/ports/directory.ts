// What information.php lists of an operation, read in the request's transaction: its agents with
// their profile, skills and who has them, campaigns with their counts, activity codes with their
// flags, and how much a token has been used today.
import type { AgentState } from '../../domain/agent-state.ts';
import type { Campaign } from '../../domain/campaign.ts';

export interface AgentEntry {
  id: string;
  name: string;
  dni: string;
  sso: string;
  enabled: boolean;
  state: AgentState;
  /** The auxiliary state's name when the agent is in one. */
  auxName: string | null;
  /** When the agent last changed state (signed in, took a call, went ready…). */
  lastUse: number;
}

export interface SkillEntry {
  id: number;
  name: string;
  description: string;
  /** When a campaign of the skill last placed a call; null when none did. */
  lastCall: number | null;
}

export interface SkillMember { agentId: string; name: string; expertise: number; lastUse: number }

export interface CampaignEntry {
  campaign: Campaign;
  records: number;
  /** When the campaign last placed a call; null when it never did. */
  lastCall: number | null;
  /** How often its records were made new again (recall_records). */
  reopenings: number;
}

export interface CodeEntry { group: 1 | 2; code: string; name: string; flags: string[] }

export interface TokenUse {
  description: string;
  dailyLimit: number;
  /** This token's uses on the day, this request included. */
  usedToday: number;
  /** All the operation's tokens' uses on the day. */
  operationUsedToday: number;
}

export interface DirectoryRepo {
  /** Agents by id; only `agentId` when given. */
  agents(operationId: string, agentId?: string): Promise<AgentEntry[]>;
  skills(operationId: string, skillId?: number): Promise<SkillEntry[]>;
  /** The agents who have the skill, by agent id (undefined: no such skill). */
  skillMembers(operationId: string, skillId: number): Promise<SkillMember[] | undefined>;
  campaigns(operationId: string, campaignId?: string): Promise<CampaignEntry[]>;
  activityCodes(operationId: string, code?: string): Promise<CodeEntry[]>;
  /** A token's use on `day` (undefined: no such token); its limit is its own, else the operation's licenses × `quotaPerLicense`. */
  tokenUse(operationId: string, tokenId: string, day: string, quotaPerLicense: number): Promise<TokenUse | undefined>;
}
