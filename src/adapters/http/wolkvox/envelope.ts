// The wolkvox envelope: {code, error, msg[, data]}, HTTP status equal to code, and the type of
// `code` by family: agentbox answers strings ("200"), campaign and configuration numbers.
import type { FastifyReply } from 'fastify';
import { PacerError } from '../../../domain/errors.ts';

export type Family = 'agentbox' | 'campaign';

export interface Envelope {
  code: string | number;
  error: string | null;
  msg: string;
  data?: unknown;
}

const codeOf = (family: Family | undefined, status: number) => (family === 'agentbox' ? String(status) : status);

export function success(family: Family, status: number, msg: string, data?: unknown): Envelope {
  return data === undefined ? { code: codeOf(family, status), error: null, msg } : { code: codeOf(family, status), error: null, msg, data };
}

export function failure(family: Family | undefined, error: PacerError): Envelope {
  return { code: codeOf(family, error.status), error: error.reason, msg: error.message };
}

export function send(reply: FastifyReply, envelope: Envelope): FastifyReply {
  return reply.code(Number(envelope.code)).type('application/json; charset=utf-8').send(envelope);
}
