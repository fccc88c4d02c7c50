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

export const agentStates = ['logout', 'ready', 'aux', 'ringing', 'talking', 'held', 'acw'] as const;
export type AgentState = (typeof agentStates)[number];

export const callStates = ['dialing', 'ringing', 'waiting', 'connected', 'held', 'ended'] as const;
export type CallState = (typeof callStates)[number];

/** Why a call was placed. */
export const callOrigins = ['dial', 'transfer', 'aux_call', 'callback', 'campaign'] as const;
export type CallOrigin = (typeof callOrigins)[number];

export const campaignStatuses = ['started', 'stopped'] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

/** pending: waits for its time; waiting: due, its auto call waits for a free agent; done; cancelled. */
export const callbackStatuses = ['pending', 'waiting', 'done', 'cancelled'] as const;
export type CallbackStatus = (typeof callbackStatuses)[number];

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

/** Stable codes of Pacer's error catalogue (the native API's `error.code`). */
export const errorCodes = [
  'API_NOT_FOUND', 'PARAMETER_REQUIRED', 'TOKEN_MISSING', 'TOKEN_INVALID', 'TOKEN_LIMIT_EXCEEDED',
  'TOO_MANY_SIMULTANEOUS', 'METHOD_NOT_ALLOWED', 'OPERATION_NOT_FOUND', 'AGENT_NOT_FOUND',
  'AUX_STATE_NOT_FOUND', 'ACTIVITY_CODE_NOT_FOUND', 'CAMPAIGN_NOT_FOUND', 'RECORD_NOT_FOUND',
  'CALL_NOT_FOUND', 'TOKEN_NOT_FOUND', 'WEBHOOK_NOT_FOUND', 'DNC_NOT_FOUND', 'CALLBACK_NOT_FOUND', 'SKILL_NOT_FOUND',
  'AGENT_STATE_CONFLICT', 'NO_ACTIVE_CALL', 'CAMPAIGN_CONFLICT', 'CALLBACK_CONFLICT', 'BAD_VALUE', 'PAYLOAD_TOO_LARGE',
  'IDEMPOTENCY_KEY_REUSED', 'IDEMPOTENCY_KEY_IN_USE', 'IDEMPOTENT_SECRET_GONE', 'ADMIN_DISABLED', 'OPERATION_EXISTS', 'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];
