// Every error Pacer answers is built here: a stable code, the HTTP status, and a message that tells
// the caller what to fix. Codes, statuses and the fixed texts (the wolkvox ones verbatim, SPEC §1)
// come from the error catalogue of the shared vocabulary, which the client's typed errors read too;
// the messages built around them are the domain's.
import { errorCatalogue, type ErrorCode, type ErrorCodeWithText } from '../../packages/vocabulary/src/errors.ts';

export type { ErrorCode };

/** The short upper-case reason of the envelope's `error` field, by HTTP status. */
export const reasonOfStatus: Readonly<Record<number, string>> = {
  400: 'BAD REQUEST', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT FOUND',
  405: 'METHOD NOT ALLOWED', 406: 'NOT ACCEPTABLE', 409: 'CONFLICT', 413: 'PAYLOAD TOO LARGE', 422: 'UNPROCESSABLE', 429: 'TOO MANY REQUESTS',
  500: 'INTERNAL ERROR',
};

export class PacerError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Seconds after which a retry may succeed (the answer's Retry-After), when that is known. */
  readonly retryAfterS: number | undefined;
  constructor(code: ErrorCode, status: number, message: string, retryAfterS?: number) {
    super(message);
    this.name = 'PacerError';
    this.code = code;
    this.status = status;
    this.retryAfterS = retryAfterS;
  }
  get reason(): string {
    return reasonOfStatus[this.status] ?? 'ERROR';
  }
}

/** A refusal with `code` at the catalogue's status. */
const make = (code: ErrorCode) => (message: string) => new PacerError(code, errorCatalogue[code].status, message);
/** The catalogue's text of `code`: the whole message, or the fixed start that details follow. */
const text = (code: ErrorCodeWithText): string => errorCatalogue[code].text;
/** A refusal whose message is the catalogue's text alone. */
const fixed = (code: ErrorCodeWithText) => () => make(code)(text(code));

/** Factories for every refusal; the message is part of the wire contract where wolkvox documents it. */
export const fail = {
  apiNotFound: fixed('API_NOT_FOUND'),
  parameterRequired: (name: string, why?: string) =>
    make('PARAMETER_REQUIRED')(`${text('PARAMETER_REQUIRED')}: ${name}${why ? ` (${why})` : ''}`),
  badValue: (message: string) => make('BAD_VALUE')(message),
  tokenMissing: fixed('TOKEN_MISSING'),
  tokenInvalid: fixed('TOKEN_INVALID'),
  tokenLimitExceeded: fixed('TOKEN_LIMIT_EXCEEDED'),
  tooManySimultaneous: (limit: number) =>
    make('TOO_MANY_SIMULTANEOUS')(`${text('TOO_MANY_SIMULTANEOUS')} (${limit})`),
  methodNotAllowed: (api: string, allowed: string) =>
    make('METHOD_NOT_ALLOWED')(`api=${api} must be called with ${allowed}`),
  payloadTooLarge: (message: string) => make('PAYLOAD_TOO_LARGE')(message),
  operationNotFound: (operation: string) => make('OPERATION_NOT_FOUND')(`Operation ${operation} does not exist`),
  agentNotFound: (agentId: string) => make('AGENT_NOT_FOUND')(`Agent ${agentId} does not exist`),
  auxStateNotFound: (status: string) =>
    make('AUX_STATE_NOT_FOUND')(`Status ${status} is neither ready, logout nor an auxiliary state id of this operation`),
  activityCodeNotFound: (group: 1 | 2, code: string) =>
    make('ACTIVITY_CODE_NOT_FOUND')(`Activity code ${code} does not exist in group ${group}`),
  activityCodeExists: (group: 1 | 2, code: string) =>
    make('ACTIVITY_CODE_EXISTS')(`Activity code ${code} already exists in group ${group}: change it with edit_cod_act (or PUT /v1/activity-codes/${group}/${code})`),
  campaignNotFound: (campaignId: string) => make('CAMPAIGN_NOT_FOUND')(`Campaign ${campaignId} does not exist`),
  recordNotFound: (campaignId: string, customerId: string) =>
    make('RECORD_NOT_FOUND')(`customer_id ${customerId} does not exist in campaign_id ${campaignId}`),
  noRecordFound: (message: string) => make('RECORD_NOT_FOUND')(message),
  callNotFound: (message: string) => make('CALL_NOT_FOUND')(message),
  dncNotFound: (phone: string) => make('DNC_NOT_FOUND')(`${phone} is not on the do-not-call list`),
  webhookNotFound: (id: string) => make('WEBHOOK_NOT_FOUND')(`Webhook ${id} does not exist`),
  callbackNotFound: (id: string) => make('CALLBACK_NOT_FOUND')(`Callback ${id} does not exist`),
  noCallbackFound: (message: string) => make('CALLBACK_NOT_FOUND')(message),
  skillNotFound: (id: number) => make('SKILL_NOT_FOUND')(`Skill ${id} does not exist: create it with PUT /v1/skills/${id}`),
  agentSkillNotFound: (agentId: string, skillId: number) => make('SKILL_NOT_FOUND')(`Agent ${agentId} does not have skill ${skillId}`),
  trunkNotFound: (id: string) => make('TRUNK_NOT_FOUND')(`Trunk ${id} does not exist`),
  agentPhoneNotFound: (agentId: string) =>
    make('AGENT_PHONE_NOT_FOUND')(`Agent ${agentId} has no phone: set one with PUT /v1/agents/${agentId}/phone`),
  tokenNotFound: (tokenId: string) => make('TOKEN_NOT_FOUND')(`Token ${tokenId} does not exist or is already revoked`),
  noTrunk: (operationId: string) =>
    make('NO_TRUNK')(`Operation ${operationId} has no SIP trunk, so it cannot call customers: add one with POST /v1/trunks`),
  trunkBusy: (trunkId: string, maxCalls: number) =>
    make('TRUNK_BUSY')(`Trunk ${trunkId} already uses all ${maxCalls} channels of its max_calls (a call transferred to a number holds two): retry when one ends, or raise max_calls`),
  agentPhoneUnreachable: (agentId: string, why: string) => make('AGENT_PHONE_UNREACHABLE')(`Agent ${agentId}'s phone cannot be reached: ${why}`),
  noActiveCall: (agentId: string) => make('NO_ACTIVE_CALL')(`Agent ${agentId} has no active call`),
  agentState: (message: string) => make('AGENT_STATE_CONFLICT')(message),
  campaignConflict: (message: string) => make('CAMPAIGN_CONFLICT')(message),
  callbackConflict: (message: string) => make('CALLBACK_CONFLICT')(message),
  idempotencyKeyReused: (key: string) => make('IDEMPOTENCY_KEY_REUSED')(`Idempotency-Key ${key} was used for a different request`),
  idempotencyKeyInUse: (key: string) => make('IDEMPOTENCY_KEY_IN_USE')(`A request with Idempotency-Key ${key} is still running: retry later`),
  idempotentSecretGone: (key: string, kind: 'token' | 'webhook', id: string) => make('IDEMPOTENT_SECRET_GONE')(kind === 'token'
    ? `Idempotency-Key ${key} already created token ${id}; its secret value is shown only once and is not kept: revoke it and create another`
    : `Idempotency-Key ${key} already created webhook ${id}; its secret is shown only once and is not kept with the answer: delete it and create another`),
  adminDisabled: fixed('ADMIN_DISABLED'),
  /** The caller's role does not allow it (domain/permission.ts). */
  roleForbidden: (message: string) => make('ROLE_FORBIDDEN')(message),
  /** The outbound-number policy or the do-not-call list forbids dialling a number. */
  numberRefused: (message: string) => make('NUMBER_REFUSED')(message),
  tooManyStreams: (tokenId: string, limit: number) =>
    make('TOO_MANY_STREAMS')(`Token ${tokenId} already holds ${limit} open event streams, the most one token may: close one first`),
  rateLimited: (perSecond: number, retryAfterS: number) =>
    new PacerError('RATE_LIMITED', errorCatalogue.RATE_LIMITED.status, `This token made more than ${perSecond} requests per second: retry in ${retryAfterS} s`, retryAfterS),
  /** The operation already holds the most of something it may (domain/operation-limits.ts). */
  limitReached: (operationId: string, holds: string, advice: string) =>
    make('LIMIT_REACHED')(`Operation ${operationId} already has ${holds}, the most it may: ${advice}`),
  operationExists: (id: string) => make('OPERATION_EXISTS')(`Operation ${id} already exists`),
  userExists: (username: string) => make('USER_EXISTS')(`A user named ${username} already exists in this operation`),
  userNotFound: (id: string) => make('USER_NOT_FOUND')(`User ${id} does not exist`),
  /** One message whether the user or the password was wrong: it tells a guesser nothing. */
  signInFailed: () => make('SIGN_IN_FAILED')('Wrong user or password'),
  signInAmbiguous: (username: string) => make('OPERATION_REQUIRED')(`User ${username} exists in several operations: say which one (operation)`),
  signInLocked: (retryAfterS: number) =>
    new PacerError('SIGN_IN_LOCKED', errorCatalogue.SIGN_IN_LOCKED.status, `Too many failed sign-ins: try again in ${retryAfterS} s`, retryAfterS),
  sessionInvalid: () => make('SESSION_INVALID')('Not signed in, or the session has ended: sign in again'),
  csrfFailed: () => make('CSRF_FAILED')('A change made with a session cookie must carry its X-CSRF-Token header'),
  webhookLimitReached: (operationId: string, max: number) =>
    make('LIMIT_REACHED')(`Operation ${operationId} has ${max} webhooks, the most it may have: delete one first`),
  agentDisabled: (agentId: string) => make('AGENT_DISABLED')(`Agent ${agentId} is disabled: enable it (enable_agent) before it signs in or goes ready`),
  /** The request's address is not on the operation's allow-list (the address is named: it is the caller's own). */
  addressNotAllowed: (address: string | null) =>
    make('ADDRESS_NOT_ALLOWED')(`${text('ADDRESS_NOT_ALLOWED')}: ${address ?? 'unknown'} (register it with configuration.php?api=add_ip or POST /v1/allowed-addresses)`),
  addressExists: (address: string) => make('ADDRESS_EXISTS')(`IP: ${address} is already registered`),
  addressNotFound: (address: string) => make('ADDRESS_NOT_FOUND')(`IP: ${address} is not registered`),
  internal: fixed('INTERNAL'),
};
