// An operation's outbound-number policy as stored (jsonb, written by the native API after it was
// checked): read back with the domain's own reader, so a missing field takes its default.
import { parseOutboundPolicy, type OutboundPolicy } from '../../domain/outbound-number.ts';

export function storedOutboundPolicy(operationId: string, json: unknown): OutboundPolicy {
  const read = parseOutboundPolicy(json);
  if (!read.ok) throw new Error(`operation ${operationId} has an unreadable outbound_policy: ${read.reason}`);
  return read.policy;
}
