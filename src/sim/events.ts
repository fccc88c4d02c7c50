// The event log of a replayed shift (SCENARIOS.md "Event log"): one object per line, complete
// enough that every figure of the result can be recomputed from it alone.
import type { OutcomeResult } from './scenario.ts';

export type ShiftEvent =
  | { t: number; type: 'dial'; call: string; record: string }
  | { t: number; type: 'answer'; call: string; by: 'human' | 'machine' }
  | { t: number; type: 'connect'; call: string; agent: string }
  | { t: number; type: 'abandon'; call: string }
  | { t: number; type: 'end'; call: string; result: OutcomeResult | 'abandon' }
  | { t: number; type: 'agent'; agent: string; state: 'ready' | 'talking' | 'acw' | 'logout' };

export type EventSink = (event: ShiftEvent) => void;
