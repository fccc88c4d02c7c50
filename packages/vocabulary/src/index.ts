// @pacer/vocabulary: the words Pacer's server and its clients share, defined once. Pure data,
// types and date arithmetic: no dependencies, no I/O, no clock.
export * from './agent.ts';
export * from './call.ts';
export * from './campaign.ts';
export * from './callback.ts';
export * from './errors.ts';
export * from './role.ts';
export * from './stamp.ts';
export type * from './event.ts';
