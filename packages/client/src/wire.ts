// The wolkvox wire vocabulary: the values its APIs accept and answer. Defined once here; the
// Pacer server imports them from this file, so client and server cannot drift apart.

export const recallTypes = ['auto', 'manual'] as const;
export type RecallType = (typeof recallTypes)[number];

export const agentButtons = ['hungup', 'disposition', 'dial'] as const;
export type AgentButton = (typeof agentButtons)[number];

export const displayModes = ['show', 'hide'] as const;
export type DisplayMode = (typeof displayModes)[number];

export const campaignTypes = ['predictive', 'preview'] as const;
export type CampaignType = (typeof campaignTypes)[number];

/** The result of a call attempt on a campaign record. */
export const callResults = [
  'answer', 'no-answer', 'busy', 'congestion', 'failed', 'answer-machine', 'abandon', 'do-not-call',
  'chanunavail', 'unknown',
] as const;
export type CallResult = (typeof callResults)[number];

/** `ready`, `logout`, or the numeric id of an auxiliary state. */
export type AgentStatus = 'ready' | 'logout' | number;

/** The envelope of every answer, `code` normalised to a number. */
export interface WolkvoxAnswer<D = unknown> {
  code: number;
  error: string | null;
  msg: string;
  data?: D;
}

/** The documented refusal texts (wolkvox "API response codes"). */
export const refusals = {
  apiNotFound: 'THE API YOU WANT TO CONSULT DOES NOT EXIST',
  parametersRequired: 'SOME PARAMETERS ARE REQUIRED',
  tokenMissing: 'PLEASE ENTER THE WOLKVOX-TOKEN',
  tokenLimit: 'TOKEN LIMIT EXCEEDED',
  simultaneous: 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN',
  tokenInvalid: 'PLEASE VALIDATE TOKEN',
} as const;
