// Typed errors for every refusal a wolkvox-compatible server answers, so callers can catch what
// they can act on (a busy token, a spent quota) apart from what they must fix (a bad parameter).
import { refusals, type WolkvoxAnswer } from './wire.ts';

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
    return /^SOME PARAMETERS ARE REQUIRED:\s*([\w-]+)/.exec(this.message)?.[1];
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
  if (status === 400 && msg.startsWith(refusals.apiNotFound)) return new UnknownApiError(msg, status, answer);
  if (status === 400) return new ParameterError(msg, status, answer);
  if (status === 401) return new TokenError(msg, status, answer);
  if (status === 403 && msg.startsWith(refusals.simultaneous)) return new SimultaneousRequestsError(msg, status, answer);
  if (status === 403 && msg.startsWith(refusals.tokenLimit)) return new QuotaExceededError(msg, status, answer);
  if (status === 403) return new TokenError(msg, status, answer);
  if (status === 404) return new NotFoundError(msg, status, answer);
  if (status === 409) return new StateConflictError(msg, status, answer);
  return new ServerError(msg || `HTTP ${status}`, status, answer);
}
