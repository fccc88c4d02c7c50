// A dialer scenario (../shared/bench/SCENARIOS.md): parsed and checked once, with errors that name
// the field at fault, so a simulation never runs on a half-understood file.
import type { Distribution } from '../domain/distribution.ts';

export const outcomeResults = ['answer', 'answer-machine', 'busy', 'no-answer', 'failed'] as const;
export type OutcomeResult = (typeof outcomeResults)[number];

export interface Outcome {
  result: OutcomeResult;
  p: number;
  ring_s?: Distribution;
  detect_s?: Distribution;
}

export interface AgentStep { at_s: number; count: number }

export interface Scenario {
  name: string;
  description: string;
  seed: number;
  duration_s: number;
  /** As written in the file: a count or a schedule (echoed in the result). */
  agents: number | AgentStep[];
  records: number;
  talk_s: Distribution;
  acw_s: Distribution;
  ring_timeout_s: number;
  connect_deadline_s: number;
  max_lines: number;
  abandon_limit: number;
  outcomes: Outcome[];
  changes: { at_s: number; answer_scale: number }[];
  answer_regimes: { scales: number[]; mean_sojourn_s: number } | null;
}

export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function bad(path: string, what: string): never {
  throw new ScenarioError(`scenario: ${path} ${what}`);
}

function num(v: unknown, path: string, opts: { min?: number; integer?: boolean; positive?: boolean } = {}): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) bad(path, `must be a number (got ${JSON.stringify(v)})`);
  if (opts.integer && !Number.isInteger(v)) bad(path, `must be an integer (got ${v})`);
  if (opts.positive && v <= 0) bad(path, `must be greater than 0 (got ${v})`);
  if (opts.min !== undefined && v < opts.min) bad(path, `must be at least ${opts.min} (got ${v})`);
  return v;
}

function optNum(o: Json, key: string, fallback: number, opts: { min?: number; integer?: boolean; positive?: boolean } = {}): number {
  return o[key] === undefined ? fallback : num(o[key], key, opts);
}

export function parseDistribution(v: unknown, path: string): Distribution {
  if (!isObject(v)) bad(path, 'must be a distribution object like {"dist":"exponential","mean":120}');
  const at = (k: string) => `${path}.${k}`;
  switch (v.dist) {
    case 'fixed':
      return { dist: 'fixed', value: num(v.value, at('value'), { min: 0 }) };
    case 'uniform': {
      const min = num(v.min, at('min'), { min: 0 });
      const max = num(v.max, at('max'), { min });
      return { dist: 'uniform', min, max };
    }
    case 'exponential':
      return { dist: 'exponential', mean: num(v.mean, at('mean'), { positive: true }) };
    case 'lognormal':
    case 'gamma':
      return { dist: v.dist, mean: num(v.mean, at('mean'), { positive: true }), sd: num(v.sd, at('sd'), { min: 0 }) };
    case 'mixture': {
      if (!Array.isArray(v.parts) || v.parts.length === 0) bad(at('parts'), 'must be a non-empty array');
      const parts = v.parts.map((p: unknown, i) => {
        const d = parseDistribution(p, `${path}.parts[${i}]`);
        const w = num((p as Json).w, `${path}.parts[${i}].w`, { min: 0 });
        return { ...d, w };
      });
      const total = parts.reduce((s, p) => s + p.w, 0);
      if (Math.abs(total - 1) > 1e-6) bad(at('parts'), `weights must sum to 1 (they sum to ${total})`);
      return { dist: 'mixture', parts };
    }
    default:
      return bad(at('dist'), `must be one of fixed, uniform, exponential, lognormal, gamma, mixture (got ${JSON.stringify(v.dist)})`);
  }
}

function parseAgents(v: unknown): number | AgentStep[] {
  if (typeof v === 'number') return num(v, 'agents', { integer: true, min: 1 });
  if (!Array.isArray(v) || v.length === 0) bad('agents', 'must be a positive integer or a non-empty schedule [{"at_s":0,"count":20},…]');
  let last = -Infinity;
  return v.map((step: unknown, i) => {
    if (!isObject(step)) bad(`agents[${i}]`, 'must be {"at_s":…,"count":…}');
    const at_s = num(step.at_s, `agents[${i}].at_s`, { min: 0 });
    if (at_s <= last) bad(`agents[${i}].at_s`, 'must be later than the step before it');
    last = at_s;
    return { at_s, count: num(step.count, `agents[${i}].count`, { integer: true, min: 0 }) };
  });
}

function parseOutcomes(v: unknown): Outcome[] {
  if (!Array.isArray(v) || v.length === 0) bad('outcomes', 'must be a non-empty array of {result, p, ring_s?, detect_s?}');
  const seen = new Set<string>();
  const list = v.map((o: unknown, i): Outcome => {
    const path = `outcomes[${i}]`;
    if (!isObject(o)) bad(path, 'must be an object');
    if (!(outcomeResults as readonly unknown[]).includes(o.result)) bad(`${path}.result`, `must be one of ${outcomeResults.join(', ')} (got ${JSON.stringify(o.result)})`);
    const result = o.result as OutcomeResult;
    if (seen.has(result)) bad(`${path}.result`, `"${result}" appears twice`);
    seen.add(result);
    const p = num(o.p, `${path}.p`, { min: 0 });
    if (p > 1) bad(`${path}.p`, `must be at most 1 (got ${p})`);
    const out: Outcome = { result, p };
    if (o.ring_s !== undefined) out.ring_s = parseDistribution(o.ring_s, `${path}.ring_s`);
    else if (result !== 'no-answer') bad(`${path}.ring_s`, `is required for "${result}"`);
    if (o.detect_s !== undefined) out.detect_s = parseDistribution(o.detect_s, `${path}.detect_s`);
    else if (result === 'answer-machine') bad(`${path}.detect_s`, 'is required for "answer-machine"');
    return out;
  });
  const total = list.reduce((s, o) => s + o.p, 0);
  if (Math.abs(total - 1) > 1e-6) bad('outcomes', `probabilities p must sum to 1 (they sum to ${total})`);
  return list;
}

export function parseScenario(input: unknown): Scenario {
  if (!isObject(input)) bad('', 'must be a JSON object');
  // An optional field given as null is taken as absent.
  const o: Json = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null));
  const changes = o.changes === undefined ? [] : o.changes;
  if (!Array.isArray(changes)) bad('changes', 'must be an array of {at_s, answer_scale}');
  let regimes: Scenario['answer_regimes'] = null;
  if (o.answer_regimes !== undefined) {
    const r = o.answer_regimes;
    if (!isObject(r) || !Array.isArray(r.scales) || r.scales.length === 0) bad('answer_regimes', 'must be {"scales":[…],"mean_sojourn_s":…}');
    regimes = {
      scales: r.scales.map((s: unknown, i) => num(s, `answer_regimes.scales[${i}]`, { min: 0 })),
      mean_sojourn_s: num(r.mean_sojourn_s, 'answer_regimes.mean_sojourn_s', { positive: true }),
    };
  }
  const maxLines = o.max_lines === undefined ? Infinity : num(o.max_lines, 'max_lines', { integer: true, min: 1 });
  return {
    name: typeof o.name === 'string' ? o.name : bad('name', 'must be a string'),
    description: typeof o.description === 'string' ? o.description : '',
    seed: optNum(o, 'seed', 1, { integer: true }),
    duration_s: num(o.duration_s, 'duration_s', { positive: true }),
    agents: parseAgents(o.agents),
    records: num(o.records, 'records', { integer: true, min: 0 }),
    talk_s: parseDistribution(o.talk_s, 'talk_s'),
    acw_s: parseDistribution(o.acw_s, 'acw_s'),
    ring_timeout_s: num(o.ring_timeout_s, 'ring_timeout_s', { positive: true }),
    connect_deadline_s: optNum(o, 'connect_deadline_s', 2, { min: 0 }),
    max_lines: maxLines,
    abandon_limit: optNum(o, 'abandon_limit', 0.03, { min: 0 }),
    outcomes: parseOutcomes(o.outcomes),
    changes: changes.map((c: unknown, i) => {
      if (!isObject(c)) bad(`changes[${i}]`, 'must be {"at_s":…,"answer_scale":…}');
      return { at_s: num(c.at_s, `changes[${i}].at_s`, { min: 0 }), answer_scale: num(c.answer_scale, `changes[${i}].answer_scale`, { min: 0 }) };
    }).sort((a, b) => a.at_s - b.at_s),
    answer_regimes: regimes,
  };
}

/** The agent schedule as steps, whichever form the file used. */
export function agentSteps(s: Scenario): AgentStep[] {
  return typeof s.agents === 'number' ? [{ at_s: 0, count: s.agents }] : s.agents;
}
