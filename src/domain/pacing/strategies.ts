// Strategies by name, as the CLI, the benchmark and campaign settings spell them:
// `predictive`, `progressive`, `ratio:X`, `adapt`.
import { adapt } from './adapt.ts';
import { predictive } from './predictive.ts';
import { ratio } from './ratio.ts';
import { progressive, type PacingStrategy } from './strategy.ts';

export interface StrategyContext {
  /** The campaign's abandon target (the ceiling, or what `speed` maps to). */
  abandonTarget: number;
  connectDeadlineS: number;
}

export const strategyNames = ['predictive', 'progressive', 'ratio:X', 'adapt'] as const;

/** Builds a fresh strategy, or throws a RangeError naming what is accepted. */
export function createStrategy(name: string, ctx: StrategyContext): PacingStrategy {
  if (name === 'predictive') return predictive({ target: ctx.abandonTarget, connectDeadlineS: ctx.connectDeadlineS });
  if (name === 'progressive') return progressive();
  if (name === 'adapt') return adapt(ctx.abandonTarget);
  const m = /^ratio:(\d+(?:\.\d+)?)$/.exec(name);
  if (m) {
    const x = Number(m[1]);
    if (x > 0) return ratio(x);
  }
  throw new RangeError(`unknown strategy "${name}": use one of predictive, progressive, ratio:X (X > 0, e.g. ratio:1.5), adapt`);
}
