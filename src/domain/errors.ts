// The one catalogue of refusals. Every error Pacer answers is built here: a stable code, the HTTP
// status, and a message that tells the caller what to fix. The wolkvox texts are verbatim (SPEC §1).

import type { ErrorCode } from '../../packages/client/src/wire.ts';

// The codes themselves are listed with the wire vocabulary, so the client's typed errors and this
// catalogue share one list.
export type { ErrorCode };

/** The short upper-case reason of the envelope's `error` field, by HTTP status. */
export const reasonOfStatus: Readonly<Record<number, string>> = {
  400: 'BAD REQUEST', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT FOUND',
  405: 'METHOD NOT ALLOWED', 409: 'CONFLICT', 413: 'PAYLOAD TOO LARGE', 422: 'UNPROCESSABLE', 500: 'INTERNAL ERROR',
};

export class PacerError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  constructor(code: ErrorCode, status: number, message: string) {
    super(message);
    this.name = 'PacerError';
    this.code = code;
    this.status = status;
  }
  get reason(): string {
    return reasonOfStatus[this.status] ?? 'ERROR';
  }
}

const make = (code: ErrorCode, status: number) => (message: string) => new PacerError(code, status, message);

/** Factories for every refusal; the message is part of the wire contract where wolkvox documents it. */
export const fail = {
  apiNotFound: () => make('API_NOT_FOUND', 400)('THE API YOU WANT TO CONSULT DOES NOT EXIST'),
  parameterRequired: (name: string, why?: string) =>
    make('PARAMETER_REQUIRED', 400)(`SOME PARAMETERS ARE REQUIRED: ${name}${why ? ` (${why})` : ''}`),
  badValue: (message: string) => make('BAD_VALUE', 400)(message),
  tokenMissing: () => make('TOKEN_MISSING', 401)('PLEASE ENTER THE WOLKVOX-TOKEN'),
  tokenInvalid: () => make('TOKEN_INVALID', 403)('PLEASE VALIDATE TOKEN'),
  tokenLimitExceeded: () => make('TOKEN_LIMIT_EXCEEDED', 403)('TOKEN LIMIT EXCEEDED'),
  tooManySimultaneous: (limit: number) =>
    make('TOO_MANY_SIMULTANEOUS', 403)(`EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (${limit})`),
  methodNotAllowed: (api: string, allowed: string) =>
    make('METHOD_NOT_ALLOWED', 405)(`api=${api} must be called with ${allowed}`),
  payloadTooLarge: (message: string) => make('PAYLOAD_TOO_LARGE', 413)(message),
  operationNotFound: (operation: string) => make('OPERATION_NOT_FOUND', 404)(`Operation ${operation} does not exist`),
  agentNotFound: (agentId: string) => make('AGENT_NOT_FOUND', 404)(`Agent ${agentId} does not exist`),
  auxStateNotFound: (status: string) =>
    make('AUX_STATE_NOT_FOUND', 404)(`Status ${status} is neither ready, logout nor an auxiliary state id of this operation`),
  activityCodeNotFound: (group: 1 | 2, code: string) =>
    make('ACTIVITY_CODE_NOT_FOUND', 404)(`Activity code ${code} does not exist in group ${group}`),
  campaignNotFound: (campaignId: string) => make('CAMPAIGN_NOT_FOUND', 404)(`Campaign ${campaignId} does not exist`),
  recordNotFound: (campaignId: string, customerId: string) =>
    make('RECORD_NOT_FOUND', 404)(`customer_id ${customerId} does not exist in campaign_id ${campaignId}`),
  noRecordFound: (message: string) => make('RECORD_NOT_FOUND', 404)(message),
  callNotFound: (message: string) => make('CALL_NOT_FOUND', 404)(message),
  dncNotFound: (phone: string) => make('DNC_NOT_FOUND', 404)(`${phone} is not on the do-not-call list`),
  webhookNotFound: (id: string) => make('WEBHOOK_NOT_FOUND', 404)(`Webhook ${id} does not exist`),
  callbackNotFound: (id: string) => make('CALLBACK_NOT_FOUND', 404)(`Callback ${id} does not exist`),
  skillNotFound: (id: number) => make('SKILL_NOT_FOUND', 404)(`Skill ${id} does not exist: create it with PUT /v1/skills/${id}`),
  tokenNotFound: (tokenId: string) => make('TOKEN_NOT_FOUND', 404)(`Token ${tokenId} does not exist or is already revoked`),
  noActiveCall: (agentId: string) => make('NO_ACTIVE_CALL', 409)(`Agent ${agentId} has no active call`),
  agentState: (message: string) => make('AGENT_STATE_CONFLICT', 409)(message),
  campaignConflict: (message: string) => make('CAMPAIGN_CONFLICT', 409)(message),
  callbackConflict: (message: string) => make('CALLBACK_CONFLICT', 409)(message),
  idempotencyKeyReused: (key: string) => make('IDEMPOTENCY_KEY_REUSED', 422)(`Idempotency-Key ${key} was used for a different request`),
  idempotencyKeyInUse: (key: string) => make('IDEMPOTENCY_KEY_IN_USE', 409)(`A request with Idempotency-Key ${key} is still running: retry later`),
  idempotentSecretGone: (key: string, what: string) =>
    make('IDEMPOTENT_SECRET_GONE', 409)(`Idempotency-Key ${key} already created ${what}; its secret value is shown only once and is not kept: revoke it and create another`),
  adminDisabled: () => make('ADMIN_DISABLED', 403)('The admin API is off: start Pacer with PACER_ADMIN_TOKEN set to use it'),
  operationExists: (id: string) => make('OPERATION_EXISTS', 409)(`Operation ${id} already exists`),
  internal: () => make('INTERNAL', 500)('INTERNAL ERROR'),
};
