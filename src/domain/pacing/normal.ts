// The standard normal distribution function, and its skewness-corrected form, for the abandon-risk
// approximation of a sum of many Bernoulli terms.

/** Φ(x), with the Abramowitz–Stegun 7.1.26 error function (absolute error below 1.5e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/**
 * P(S ≤ x·σ + μ) for a sum S of many independent terms with skewness γ: the first Edgeworth
 * correction, Φ(x) + γ(1 − x²)φ(x)/6 (the refined normal approximation of a Poisson-binomial
 * distribution, Volkova 1996), kept within [0, 1].
 */
export function refinedNormalCdf(x: number, skewness: number): number {
  const density = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  return Math.min(1, Math.max(0, normalCdf(x) + (skewness * (1 - x * x) * density) / 6));
}
