// @pacer/client: typed clients for wolkvox-compatible APIs (and, later, Pacer's native API).
export { WolkvoxClient, type WolkvoxClientOptions, type DateInput, type RecordInput } from './wolkvox-client.ts';
export * from './errors.ts';
export * from './wire.ts';
export { formatStamp, parseStamp } from './stamp.ts';
