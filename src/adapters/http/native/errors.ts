// The native API's error body: the catalogue's stable code, the HTTP status and the message.
import type { FastifyReply } from 'fastify';
import type { PacerError } from '../../../domain/errors.ts';

export interface NativeError {
  error: { code: string; status: number; message: string };
}

export function sendNativeError(reply: FastifyReply, error: PacerError): FastifyReply {
  const body: NativeError = { error: { code: error.code, status: error.status, message: error.message } };
  return reply.code(error.status).send(body);
}

export function bearerToken(authorization: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return m?.[1];
}
