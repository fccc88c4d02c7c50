// Which operation a wolkvox request names: by host (wv0001.example.com) or by the
// wolkvox_server header. Neither is required: the token alone identifies its operation.
import type { FastifyRequest } from 'fastify';
import { fail } from '../../../domain/errors.ts';

export function namedOperation(request: FastifyRequest): string | undefined {
  const fromHost = /^wv(\d{4})\./i.exec(request.hostname)?.[1];
  const header = request.headers['wolkvox_server'];
  let fromHeader: string | undefined;
  if (header !== undefined) {
    if (typeof header !== 'string' || !/^\d{1,4}$/.test(header.trim())) {
      throw fail.parameterRequired('wolkvox_server', 'expected the 4-digit server nomenclature of the operation');
    }
    fromHeader = header.trim().padStart(4, '0');
  }
  if (fromHost && fromHeader && fromHost !== fromHeader) {
    throw fail.badValue(`The host names operation ${fromHost} but the wolkvox_server header names ${fromHeader}`);
  }
  return fromHost ?? fromHeader;
}

export function tokenOf(request: FastifyRequest): string | undefined {
  const token = request.headers['wolkvox-token'];
  return typeof token === 'string' && token.trim() !== '' ? token.trim() : undefined;
}
