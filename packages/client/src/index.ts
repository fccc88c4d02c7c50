// @pacer/client: typed clients for wolkvox-compatible APIs and for Pacer's native API.
export { WolkvoxClient, type WolkvoxClientOptions, type DateInput, type RecordInput } from './wolkvox-client.ts';
export * from './errors.ts';
export * from './wire.ts';
export { formatStamp, parseStamp } from './stamp.ts';
export { PacerClient, PacerApiError, type PacerClientOptions, type EventFilter, type CallbackFilter } from './pacer-client.ts';
export type * from './native-types.ts';
