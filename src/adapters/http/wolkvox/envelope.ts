// The wolkvox envelope: {code, error, msg[, data]}, HTTP status equal to code. The JSON type of a
// success's `code` is the one the documents show for that api (agentbox strings, "200"; campaign
// numbers, 202, except where the official collection shows a string: add_record "201", find_record
// and detail "200"); a refusal's follows its file (agentbox strings, campaign numbers).
import type { FastifyReply } from 'fastify';
import { PacerError } from '../../../domain/errors.ts';

export type Family = 'agentbox' | 'campaign';
/** The JSON type of `code`. */
export type CodeType = 'string' | 'number';

export interface Envelope {
  code: string | number;
  error: string | null;
  msg: string;
  data?: unknown;
}

/** The code type of a file's refusals (and of agentbox's successes). */
export const familyCode = (family: Family | undefined): CodeType => (family === 'agentbox' ? 'string' : 'number');

const codeOf = (type: CodeType, status: number) => (type === 'string' ? String(status) : status);

export function success(code: CodeType, status: number, msg: string, data?: unknown): Envelope {
  return data === undefined ? { code: codeOf(code, status), error: null, msg } : { code: codeOf(code, status), error: null, msg, data };
}

export function failure(family: Family | undefined, error: PacerError): Envelope {
  return { code: codeOf(familyCode(family), error.status), error: error.reason, msg: error.message };
}

export function send(reply: FastifyReply, envelope: Envelope): FastifyReply {
  return reply.code(Number(envelope.code)).type('application/json; charset=utf-8').send(envelope);
}
