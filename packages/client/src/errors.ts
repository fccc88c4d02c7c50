// Typed errors for every refusal a wolkvox-compatible server answers, so callers can catch what
// they can act on (a busy token, a spent quota) apart from what they must fix (a bad parameter).
// A wolkvox answer carries no code: a refusal is told by its status and the fixed text its message
// starts with, both read from the error catalogue the server builds its refusals from.
import { errorCatalogue } from '@pacer/vocabulary';
import type { WolkvoxAnswer } from './wolkvox-answer.ts';

const { API_NOT_FOUND, PARAMETER_REQUIRED, TOKEN_MISSING, TOKEN_INVALID, TOKEN_LIMIT_EXCEEDED, TOO_MANY_SIMULTANEOUS } = errorCatalogue;

/** The documented refusal texts (wolkvox "API response codes"); a message starts with its text. */
export const refusals = {
  apiNotFound: API_NOT_FOUND.text,
  parametersRequired: PARAMETER_REQUIRED.text,
  tokenMissing: TOKEN_MISSING.text,
  tokenLimit: TOKEN_LIMIT_EXCEEDED.text,
  simultaneous: TOO_MANY_SIMULTANEOUS.text,
  tokenInvalid: TOKEN_INVALID.text,
} as const;

export class WolkvoxError extends Error {
  readonly status: number;
  readonly answer: WolkvoxAnswer | undefined;
  constructor(message: string, status: number, answer?: WolkvoxAnswer) {
    super(message);
    this.name = new.target.name;
    this.status = status;
    this.answer = answer;
  }
}

/** 400: a parameter is missing or malformed; `parameter` names it when the server says which. */
export class ParameterError extends WolkvoxError {
  get parameter(): string | undefined {
    const prefix = `${refusals.parametersRequired}:`;
    if (!this.message.startsWith(prefix)) return undefined;
    return /^\s*([\w-]+)/.exec(this.message.slice(prefix.length))?.[1];
  }
}
/** 400: the `api` name does not exist. */
export class UnknownApiError extends WolkvoxError {}
/** 401 / 403: the token is missing, wrong, revoked or of another operation. */
export class TokenError extends WolkvoxError {}
/** 403: the token already has its limit of requests in flight (retried by the client). */
export class SimultaneousRequestsError extends WolkvoxError {}
/** 403: the token's daily quota is spent. */
export class QuotaExceededError extends WolkvoxError {}
/** 404: no such agent, campaign, record or call. */
export class NotFoundError extends WolkvoxError {}
/** 409: the agent's or call's state does not allow it; the message names the state. */
export class StateConflictError extends WolkvoxError {}
/** 405, 413, 5xx and anything else. */
export class ServerError extends WolkvoxError {}
/** The server could not be reached or answered something that is not the envelope. */
export class TransportError extends WolkvoxError {}

export function errorOf(status: number, answer: WolkvoxAnswer): WolkvoxError {
  const msg = answer.msg;
  if (status === API_NOT_FOUND.status && msg.startsWith(API_NOT_FOUND.text)) return new UnknownApiError(msg, status, answer);
  if (status === 400) return new ParameterError(msg, status, answer);
  if (status === 401) return new TokenError(msg, status, answer);
  if (status === TOO_MANY_SIMULTANEOUS.status && msg.startsWith(TOO_MANY_SIMULTANEOUS.text)) return new SimultaneousRequestsError(msg, status, answer);
  if (status === TOKEN_LIMIT_EXCEEDED.status && msg.startsWith(TOKEN_LIMIT_EXCEEDED.text)) return new QuotaExceededError(msg, status, answer);
  if (status === 403) return new TokenError(msg, status, answer);
  if (status === 404) return new NotFoundError(msg, status, answer);
  if (status === 409) return new StateConflictError(msg, status, answer);
  return new ServerError(msg || `HTTP ${status}`, status, answer);
}
