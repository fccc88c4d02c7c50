// The simulated carrier of a scenario: what each call attempt does, drawn from a stream named by
// (seed, record, attempt), so a record's k-th attempt behaves the same whichever strategy dials it
// and whenever it is dialled; only the answer probability in force at the dial instant (changes,
// regimes) can turn a would-be answer into a no-answer, and it does so monotonically: the draw is
// compared with `answer` first, so a record that answers at a low answer rate answers at a higher one.
import { sample, type Distribution } from '../domain/distribution.ts';
import { seededRandom } from '../domain/random.ts';
import type { OutcomeResult, Scenario } from './scenario.ts';

export interface Attempt {
  result: OutcomeResult;
  /** Seconds from dial to the outcome (answer, busy signal, give-up), cut at ring_timeout_s. */
  ringS: number;
  /** answer-machine: seconds from answer to recognition and hang-up. */
  detectS: number;
  /** answer: conversation and after-call work, should the call reach an agent. */
  talkS: number;
  acwS: number;
}

/** The answer-probability multiplier over time: scripted changes times the bursty regime. */
export interface AnswerScale { at(tS: number): number }

export function answerScale(s: Scenario, seed: number): AnswerScale {
  const steps: { at: number; scale: number }[] = [];
  if (s.answer_regimes) {
    const { scales, mean_sojourn_s } = s.answer_regimes;
    const random = seededRandom(seed, 'regimes');
    let regime = Math.floor(random() * scales.length);
    let t = 0;
    while (t < s.duration_s) {
      steps.push({ at: t, scale: scales[regime] ?? 1 });
      t += -mean_sojourn_s * Math.log(1 - random());
      if (scales.length > 1) regime = (regime + 1 + Math.floor(random() * (scales.length - 1))) % scales.length;
    }
  }
  const changes = s.changes;
  let regimeIdx = 0;
  let changeIdx = -1;
  // Dials come in time order, so both cursors only move forward (a backwards query restarts).
  return {
    at(tS) {
      if (regimeIdx > 0 && (steps[regimeIdx]?.at ?? 0) > tS) regimeIdx = 0;
      while (regimeIdx + 1 < steps.length && (steps[regimeIdx + 1]?.at ?? Infinity) <= tS) regimeIdx++;
      if (changeIdx >= 0 && (changes[changeIdx]?.at_s ?? 0) > tS) changeIdx = -1;
      while (changeIdx + 1 < changes.length && (changes[changeIdx + 1]?.at_s ?? Infinity) <= tS) changeIdx++;
      const change = changeIdx >= 0 ? (changes[changeIdx]?.answer_scale ?? 1) : 1;
      const regime = steps.length > 0 ? (steps[regimeIdx]?.scale ?? 1) : 1;
      return change * regime;
    },
  };
}

export interface Carrier { attempt(record: number, attempt: number, dialS: number): Attempt }

export function carrier(s: Scenario, seed: number): Carrier {
  const scale = answerScale(s, seed);
  const answer = s.outcomes.find((o) => o.result === 'answer');
  const noAnswer = s.outcomes.find((o) => o.result === 'no-answer');
  const others = s.outcomes.filter((o) => o.result !== 'answer');
  const pAnswer = answer?.p ?? 0;
  const pNoAnswer = noAnswer?.p ?? 0;
  const noAnswerRing: Distribution = noAnswer?.ring_s ?? { dist: 'fixed', value: s.ring_timeout_s };
  const cut = (x: number) => Math.min(Math.max(0, x), s.ring_timeout_s);
  return {
    attempt(record, attemptNo, dialS) {
      const random = seededRandom(seed, 'attempt', record, attemptNo);
      const u = random();
      // no-answer absorbs what answer gains or loses; answer cannot take more than it has.
      const pa = Math.min(pAnswer * scale.at(dialS), pAnswer + pNoAnswer);
      let result: OutcomeResult = 'no-answer';
      let ringDist: Distribution = noAnswerRing;
      let detect: Distribution | undefined;
      if (answer && u < pa) {
        result = 'answer';
        ringDist = answer.ring_s ?? noAnswerRing;
      } else {
        let acc = pa;
        for (const o of others) {
          acc += o.result === 'no-answer' ? pNoAnswer + pAnswer - pa : o.p;
          if (u < acc) {
            result = o.result;
            ringDist = o.result === 'no-answer' ? noAnswerRing : (o.ring_s ?? noAnswerRing);
            detect = o.detect_s;
            break;
          }
        }
      }
      const ringS = cut(sample(ringDist, random));
      const detectS = detect ? sample(detect, random) : 0;
      // A stream of its own, so the conversation a record would have does not depend on which
      // outcome was drawn (nor on how many draws that outcome's ring time took).
      const person = seededRandom(seed, 'conversation', record, attemptNo);
      const talkS = Math.max(0, sample(s.talk_s, person));
      const acwS = Math.max(0, sample(s.acw_s, person));
      return { result, ringS, detectS, talkS, acwS };
    },
  };
}
