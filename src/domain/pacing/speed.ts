// `speed` (0–100, from the campaign API) as an operator understands it: how much of the abandon
// ceiling the predictive dialer may use. 0 dials as if no abandon were allowed (it then behaves
// like progressive dialing); 100 runs at the ceiling (default 3 %); 50 aims at half of it.

export const DEFAULT_ABANDON_CEILING = 0.03;

/** The abandon-rate target for a speed between 0 and 100 (clamped) under a ceiling. */
export function abandonTargetOfSpeed(speed: number, ceiling = DEFAULT_ABANDON_CEILING): number {
  const s = Number.isFinite(speed) ? Math.min(100, Math.max(0, speed)) : 100;
  return (ceiling * s) / 100;
}
