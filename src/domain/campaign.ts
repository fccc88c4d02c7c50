// Campaigns and their customer records: types, statuses, the record's fields and the rules a
// record must meet to be loaded. Pure: dates come in as stamps and a time zone, never a clock.
import type { CallingSchedule } from './calling-schedule.ts';
import { canonicalTimeZone, localFields, parseStamp } from './local-time.ts';

import { campaignStatuses, campaignTypes, type CampaignStatus, type CampaignType } from '../../packages/vocabulary/src/campaign.ts';

/** Shared with the client: the vocabulary is defined once, in packages/vocabulary. */
export { campaignStatuses, campaignTypes, type CampaignStatus, type CampaignType };

/**
 * Record statuses this module writes. `fresh`: the dialer may call it (when due); `done`: closed by
 * a disposition (codify), never dialled again unless recalled. The dialer may add in-flight states.
 */
export const recordStatus = { fresh: 'fresh', done: 'done' } as const;

/** add_record takes at most this many records per call (wolkvox's documented limit). */
export const maxRecordsPerCall = 10_000;

/** The longest range of one `detail` report. */
export const maxDetailRangeMs = 31 * 24 * 3600 * 1000;

export interface Campaign {
  operationId: string;
  id: string;
  name: string;
  description: string;
  type: CampaignType;
  dialMode: string;
  status: CampaignStatus;
  speed: number;
  skillId: number | null;
  /** Daily calling window, `HH:MM:SS` in the records' local time; null = no window set. */
  startTime: string | null;
  endTime: string | null;
  enableEdition: boolean;
  optTitles: Record<string, string>;
  /** When records may be called, in their local time (the daily window above narrows it). */
  callingSchedule: CallingSchedule;
  /** At most one contact (a call answered by a person) per record per local day. */
  oneContactPerDay: boolean;
}

export interface CampaignRecord {
  operationId: string;
  campaignId: string;
  customerId: string;
  /** Every field given at load time except customer_id and the recall pair, as strings. */
  data: Record<string, string>;
  phones: string[];
  status: string;
  attempts: number;
  lastResult: string | null;
  /** When a retry is due; null: never tried, or closed by its last attempt. */
  nextAttemptAt: number | null;
  recallDate: number | null;
  recallTelephone: string | null;
  codAct: string | null;
  codAct2: string | null;
  comment: string | null;
  /** The IANA zone of the record's local time (calling windows, one contact per day). */
  timeZone: string;
}

const optFields = Array.from({ length: 12 }, (_, i) => `opt${i + 1}`);
export const telFields = Array.from({ length: 10 }, (_, i) => `tel${i + 1}`);

/** The fields a record may carry, and the longest value of each (customer_id and dates apart). */
const textFields: Readonly<Record<string, number>> = {
  customer_name: 200, customer_last_name: 200, id_type: 50, age: 10, gender: 20, country: 100, state: 100,
  city: 100, zone: 100, address: 500, email: 254,
  ...Object.fromEntries(optFields.map((f) => [f, 1000])),
};
const phoneFields = [...telFields, 'tel_extra', 'recall_telephone'];

/** Every field of add_record, in wire order; unknown keys in a record are ignored. */
export const recordFields: readonly string[] = ['customer_id', ...Object.keys(textFields), ...phoneFields, 'recall_date', 'time_zone'];

export const customerIdPattern = /^[\w.@+-]{1,64}$/;
export const phonePattern = /^\+?\d{3,20}$/;
const controlChars = /\p{Cc}/u;

/** A record as loaded: what the store writes for a new or updated record. */
export interface RecordInput {
  customerId: string;
  data: Record<string, string>;
  phones: string[];
  recallDate: number | null;
  recallTelephone: string | null;
  /** The record's IANA time zone; absent or null: its operation's. */
  timeZone?: string | null;
}

export type RecordCheck = { ok: true; record: RecordInput } | { ok: false; reason: string };

/** JSON numbers are accepted where text is expected (ids and phones are often sent as numbers). */
function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * Checks one add_record row and shapes it for the store. `now` is the request's instant: a
 * recall_date must be a real wall-clock time of `timeZone` in the future.
 */
export function checkRecord(raw: unknown, timeZone: string, now: number): RecordCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'a record must be a JSON object' };
  const row = raw as Record<string, unknown>;
  const data: Record<string, string> = {};
  const customerId = asText(row.customer_id);
  if (customerId === undefined || customerId === '') return { ok: false, reason: 'customer_id is required' };
  if (!customerIdPattern.test(customerId)) return { ok: false, reason: 'customer_id must be up to 64 letters, digits or ._@+-' };
  for (const [field, max] of Object.entries(textFields)) {
    if (row[field] === undefined || row[field] === null) continue;
    const value = asText(row[field]);
    if (value === undefined) return { ok: false, reason: `${field} must be text` };
    if (value.length > max || controlChars.test(value)) return { ok: false, reason: `${field} must be text of at most ${max} characters` };
    if (value !== '') data[field] = value;
  }
  for (const field of phoneFields) {
    if (row[field] === undefined || row[field] === null) continue;
    const value = asText(row[field]);
    if (value === undefined || (value !== '' && !phonePattern.test(value))) return { ok: false, reason: `${field} must be a phone number of 3 to 20 digits` };
    if (value !== '') data[field] = value;
  }
  const phones = telFields.flatMap((f) => (data[f] === undefined ? [] : [data[f]]));
  if (phones.length === 0) return { ok: false, reason: 'at least one of tel1…tel10 is required' };
  let recallDate: number | null = null;
  if (row.recall_date !== undefined && row.recall_date !== null && row.recall_date !== '') {
    const stamp = asText(row.recall_date) ?? '';
    const at = parseStamp(stamp, timeZone);
    if (at === undefined) return { ok: false, reason: `recall_date must be a real YYYYmmddHHiiss time in ${timeZone}` };
    if (at <= now) return { ok: false, reason: 'recall_date must be in the future' };
    recallDate = at;
  }
  let recordZone: string | null = null;
  if (row.time_zone !== undefined && row.time_zone !== null && row.time_zone !== '') {
    recordZone = typeof row.time_zone === 'string' ? canonicalTimeZone(row.time_zone.trim()) ?? null : null;
    if (recordZone === null) return { ok: false, reason: 'time_zone must be an IANA time zone name such as America/Bogota' };
  }
  const recallTelephone = data.recall_telephone ?? null;
  delete data.recall_telephone;
  return {
    ok: true,
    record: { customerId, data, phones, recallDate, recallTelephone: recallDate === null ? recallTelephone : (recallTelephone ?? phones[0] ?? null), timeZone: recordZone },
  };
}

/** Reads a calling-window bound: `HHiiss`, `HH:MM:SS` or `YYYYmmddHHiiss` (the docs use all three). */
export function parseDayTime(value: string): string | undefined {
  const m = /^(?:\d{8})?(\d{2}):?(\d{2}):?(\d{2})$/.exec(value);
  if (!m) return undefined;
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (h > 23 || mi > 59 || s > 59) return undefined;
  return `${m[1]}:${m[2]}:${m[3]}`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Times in reports: `YYYY-mm-dd HH:ii:ss` on the operation's wall clock. */
export function formatReportTime(epochMs: number, timeZone: string): string {
  const f = localFields(epochMs, timeZone);
  return `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)} ${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}`;
}
