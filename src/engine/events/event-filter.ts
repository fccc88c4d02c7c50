// Which events a query selects, in memory: the same rule the store applies in SQL
// (adapters/store/events.ts), so a stream served from memory sees exactly what a read of the log
// would give it. test/event-filter.test.ts checks the two against each other.
import type { EventQuery, StoredEvent } from '../ports/events.ts';

/** A type filter: exact (`call.ended`), or a prefix ending in a dot (`call.`). */
export function typeMatches(types: readonly string[] | undefined, type: string): boolean {
  if (!types || types.length === 0) return true;
  return types.some((t) => (t.endsWith('.') ? type.startsWith(t) : type === t));
}

export function eventMatches(query: Omit<EventQuery, 'limit' | 'afterSeq'>, e: StoredEvent): boolean {
  return e.operationId === query.operationId
    && (query.agentId === undefined || e.agentId === query.agentId)
    && (query.campaignId === undefined || e.campaignId === query.campaignId)
    && typeMatches(query.types, e.type);
}
