// The error catalogue: every refusal Pacer answers has a stable code (the native API's
// `error.code`) and an HTTP status. Where a message is fixed, or starts with a fixed text that
// callers match on (the refusals wolkvox documents as its "API response codes", verbatim), the text
// is here too. The server builds its errors from this table and the client types them from it,
// so neither can answer or expect a code, status or text the other does not know.

interface CatalogueEntry {
  readonly status: number;
  /** The whole message, or the fixed start of it where the server adds details after it. */
  readonly text?: string;
}

export const errorCatalogue = {
  API_NOT_FOUND: { status: 400, text: 'THE API YOU WANT TO CONSULT DOES NOT EXIST' },
  PARAMETER_REQUIRED: { status: 400, text: 'SOME PARAMETERS ARE REQUIRED' },
  TOKEN_MISSING: { status: 401, text: 'PLEASE ENTER THE WOLKVOX-TOKEN' },
  TOKEN_INVALID: { status: 403, text: 'PLEASE VALIDATE TOKEN' },
  TOKEN_LIMIT_EXCEEDED: { status: 403, text: 'TOKEN LIMIT EXCEEDED' },
  TOO_MANY_SIMULTANEOUS: { status: 403, text: 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN' },
  METHOD_NOT_ALLOWED: { status: 405 },
  OPERATION_NOT_FOUND: { status: 404 },
  AGENT_NOT_FOUND: { status: 404 },
  AUX_STATE_NOT_FOUND: { status: 404 },
  ACTIVITY_CODE_NOT_FOUND: { status: 404 },
  CAMPAIGN_NOT_FOUND: { status: 404 },
  RECORD_NOT_FOUND: { status: 404 },
  CALL_NOT_FOUND: { status: 404 },
  TOKEN_NOT_FOUND: { status: 404 },
  WEBHOOK_NOT_FOUND: { status: 404 },
  DNC_NOT_FOUND: { status: 404 },
  CALLBACK_NOT_FOUND: { status: 404 },
  SKILL_NOT_FOUND: { status: 404 },
  TRUNK_NOT_FOUND: { status: 404 },
  AGENT_PHONE_NOT_FOUND: { status: 404 },
  USER_NOT_FOUND: { status: 404 },
  ADDRESS_NOT_FOUND: { status: 404 },
  AGENT_STATE_CONFLICT: { status: 409 },
  AGENT_DISABLED: { status: 409 },
  ADDRESS_EXISTS: { status: 409 },
  ACTIVITY_CODE_EXISTS: { status: 409 },
  NO_ACTIVE_CALL: { status: 409 },
  NO_TRUNK: { status: 409 },
  TRUNK_BUSY: { status: 409 },
  AGENT_PHONE_UNREACHABLE: { status: 409 },
  CAMPAIGN_CONFLICT: { status: 409 },
  CALLBACK_CONFLICT: { status: 409 },
  BAD_VALUE: { status: 400 },
  PAYLOAD_TOO_LARGE: { status: 413 },
  IDEMPOTENCY_KEY_REUSED: { status: 422 },
  IDEMPOTENCY_KEY_IN_USE: { status: 409 },
  IDEMPOTENT_SECRET_GONE: { status: 409 },
  ROLE_FORBIDDEN: { status: 403 },
  ADMIN_DISABLED: { status: 403, text: 'The admin API is off: start Pacer with PACER_ADMIN_TOKEN set to use it' },
  OPERATION_EXISTS: { status: 409 },
  USER_EXISTS: { status: 409 },
  SIGN_IN_FAILED: { status: 401 },
  SIGN_IN_LOCKED: { status: 429 },
  OPERATION_REQUIRED: { status: 400 },
  SESSION_INVALID: { status: 401 },
  CSRF_FAILED: { status: 403 },
  /** The operation's allow-list has addresses and the request's is not one of them. */
  ADDRESS_NOT_ALLOWED: { status: 403, text: 'THE IP ADDRESS IS NOT ALLOWED FOR THIS OPERATION' },
  NUMBER_REFUSED: { status: 422 },
  TOO_MANY_STREAMS: { status: 429 },
  RATE_LIMITED: { status: 429 },
  LIMIT_REACHED: { status: 409 },
  INTERNAL: { status: 500, text: 'INTERNAL ERROR' },
} as const satisfies Readonly<Record<string, CatalogueEntry>>;

export type ErrorCode = keyof typeof errorCatalogue;

/** Every code of the catalogue, in its order. */
export const errorCodes = Object.keys(errorCatalogue) as readonly ErrorCode[];

/** The codes whose message is, or starts with, a fixed text. */
export type ErrorCodeWithText = {
  [C in ErrorCode]: (typeof errorCatalogue)[C] extends { text: string } ? C : never;
}[ErrorCode];
