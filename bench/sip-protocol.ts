// What bench/sip.ts and the Pacer process it starts (bench/sip-server.ts) say to each other.
import type { LoopStalls } from './loop-stalls.ts';

export type SipToServer =
  | { type: 'start' }
  | { type: 'stop' }
  | { type: 'heap' }
  | { type: 'sql'; text: string }
  | { type: 'logged' }
  | { type: 'exit' };

export interface SipRunStats {
  /** Event-loop delay, ms: how late a 10 ms timer fired. */
  eldP50: number;
  eldP99: number;
  eldMax: number;
  /** The loop's stalls of 50 ms or more, and what they were made of (loop-stalls.ts). */
  stalls: LoopStalls;
  /** CPU time of the Pacer process (all its threads) and the wall time it was measured over, s. */
  cpuS: number;
  wallS: number;
  rssMaxMb: number;
  heapMaxMb: number;
  /** Lines Pacer logged at error level (and at warn) during the window; the first few of them. */
  errors: number;
  warnings: number;
  firstLogged: string[];
}

export type SipFromServer =
  | { type: 'ready'; port: number; store: string }
  | { type: 'started' }
  | { type: 'stats'; stats: SipRunStats }
  | { type: 'heap'; heapMb: number; rssMb: number; collected: boolean }
  | { type: 'rows'; rows: Record<string, unknown>[]; error?: string }
  | { type: 'logged'; errors: number; warnings: number; first: string[] }
  | { type: 'closed'; ms: number };
