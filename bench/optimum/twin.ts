// A Markovian twin: a scenario simple enough that the best any dialer can do on it is computable.
// Every attempt resolves after an exponential time of one mean whatever its outcome, a fixed share
// of them are live answers, talk is exponential with no after-call work, an agent must be free at
// the instant of answer, and nothing changes during the shift. Then the state a dialer needs is
// (agents busy, calls ringing), and the shift is a continuous-time Markov chain it controls
// (chain.ts).
import type { Distribution } from '../../src/domain/distribution.ts';
import type { Scenario } from '../../src/sim/scenario.ts';

export interface TwinChain {
  /** N: agents logged in for the whole shift. */
  agents: number;
  /** p: chance a placed call is a live answer. */
  live: number;
  /** ν: resolution rate of a ringing call (1 / mean ring time), per second. */
  resolveRate: number;
  /** μ: end rate of a talking agent (1 / mean talk), per second. */
  handleRate: number;
  /** α: the abandon-rate ceiling (abandons / live answers). */
  ceiling: number;
  /** Calls that may ring at once: the trunk's max_lines, or a truncation far above what is used. */
  maxRinging: number;
}

const exponentialMean = (d: Distribution | undefined): number | undefined => (d?.dist === 'exponential' ? d.mean : undefined);

/** The chain of a scenario, or why it is not a Markovian twin. */
export function twinOf(s: Scenario): TwinChain | string {
  if (typeof s.agents !== 'number') return 'agents change during the shift';
  if (s.changes.length > 0 || s.answer_regimes) return 'the answer rate changes during the shift';
  if (s.connect_deadline_s !== 0) return 'a live answer may wait for an agent (connect_deadline_s > 0)';
  const talk = exponentialMean(s.talk_s);
  if (talk === undefined) return 'talk_s is not exponential';
  if (!(s.acw_s.dist === 'fixed' && s.acw_s.value === 0)) return 'there is after-call work';
  let ring: number | undefined;
  let live = 0;
  for (const o of s.outcomes) {
    if (o.p === 0) continue;
    if (o.result === 'answer-machine') return 'answering machines hold a line after they answer';
    const mean = exponentialMean(o.ring_s);
    if (mean === undefined) return `${o.result}: ring_s is not exponential`;
    if (ring !== undefined && mean !== ring) return 'outcomes resolve at different rates';
    ring = mean;
    if (o.result === 'answer') live = o.p;
  }
  if (ring === undefined) return 'no outcome';
  // The cut at ring_timeout_s must not matter: beyond 20 means, e^-20 of calls are cut.
  if (s.ring_timeout_s < 20 * ring) return 'ring_timeout_s cuts the exponential ring times';
  return {
    agents: s.agents,
    live,
    resolveRate: 1 / ring,
    handleRate: 1 / talk,
    ceiling: s.abandon_limit,
    maxRinging: Number.isFinite(s.max_lines) ? s.max_lines : Infinity,
  };
}
