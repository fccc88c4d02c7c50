// @pacer/client: typed clients for wolkvox-compatible APIs and for Pacer's native API. The shared
// words (states, results, the error codes, date stamps) come from @pacer/vocabulary and are
// re-exported here, so a caller needs this package alone.
export { WolkvoxClient, type AddRecordCounts, type WolkvoxClientOptions, type DateInput, type RecordInput } from './wolkvox-client.ts';
export * from './errors.ts';
export {
  agentButtons, agentPhoneModes, agentStates, callbackStatuses, callOrigins, callResults, callStates, campaignStatuses, campaignTypes, displayModes,
  errorCodes, formatStamp, notDiallingReasons, parseStamp, recallTypes, recordStatuses, roles, seriesBucketMinutes,
  type AgentButton, type AgentPhoneMode, type AgentState, type AgentStatus, type CallbackStatus, type CallOrigin, type CallResult, type CallState,
  type CampaignStatus, type CampaignType, type DisplayMode, type ErrorCode, type NotDiallingReason, type PacerEvent, type RecallType, type RecordStatus, type Role, type SeriesBucketMinutes,
} from '@pacer/vocabulary';
export { CsvError, readCsv, readCsvRecords, rejectedLines, type CsvRecord, type CsvRow, type RejectedLine } from './csv.ts';
export type { WolkvoxAnswer } from './wolkvox-answer.ts';
export { PacerClient, PacerApiError, type PacerClientOptions, type EventFilter, type CallbackFilter } from './pacer-client.ts';
export type * from './native-types.ts';
export type * from './native-requests.ts';
export type * from './native-envelopes.ts';
