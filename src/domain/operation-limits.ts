// How much of each thing one operation may hold. An operation shares its database and process with
// others: without bounds, one tenant's token could mint tokens or load configuration until the
// others suffer. The numbers are far above what a contact center uses (see the README's Security).
export const operationLimits = {
  /** Live (unrevoked) API tokens. */
  tokens: 100,
  /** Users who sign in to the console (not deleted): an agent each, and the floor. */
  users: 5000,
  auxStates: 100,
  skills: 200,
  /** Numbers on the do-not-call list. */
  dncNumbers: 1_000_000,
  /** SIP trunks not deleted: a contact center uses one or a few carriers. */
  trunks: 20,
} as const;

export type LimitedThing = keyof typeof operationLimits;

const what: Record<LimitedThing, string> = {
  tokens: 'live tokens', users: 'users', auxStates: 'auxiliary states', skills: 'skills', dncNumbers: 'numbers on its do-not-call list', trunks: 'trunks',
};

export function describeLimit(thing: LimitedThing): string {
  return `${operationLimits[thing]} ${what[thing]}`;
}
