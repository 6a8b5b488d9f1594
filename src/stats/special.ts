/**
 * Special functions shared by the tests in this folder. Everything that ends in a p-value is kept in
 * log space or computed with Loader's saddle-point terms, because the gate cares most about the
 * tiny p-values that naive `Math.exp(Math.log(...))` code rounds to zero or to garbage.
 */

export const LN_2PI = Math.log(2 * Math.PI)
const LN_SQRT_2PI = 0.5 * LN_2PI

/** log Γ(x) on x > 0; for the log-factorials and log-binomials used by the count-based tests. */
export function logGamma(x: number): number {
  if (Number.isNaN(x) || x <= 0) return Number.NaN
  if (x === Number.POSITIVE_INFINITY) return x
  if (x === 1 || x === 2) return 0
  if (x >= 15) {
    // Stirling's series; at x >= 15 the first omitted term is below 1e-17 relative.
    const r = 1 / x
    const r2 = r * r
    const series =
      r *
      (1 / 12 -
        r2 *
          (1 / 360 -
            r2 * (1 / 1260 - r2 * (1 / 1680 - r2 * (1 / 1188 - r2 * (691 / 360360 - r2 / 156))))))
    return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + series
  }
  // Shift into the Stirling range: Γ(x) = Γ(x + k) / (x (x + 1) ... (x + k - 1)).
  let product = 1
  let y = x
  while (y < 15) {
    product *= y
    y += 1
  }
  return logGamma(y) - Math.log(product)
}

/** log(n!) for counts; exact-table accuracy is not needed because callers only difference them. */
export function logFactorial(n: number): number {
  if (n < 0 || !Number.isInteger(n)) return Number.NaN
  return n < 2 ? 0 : logGamma(n + 1)
}

/** log C(n, k); -Infinity outside 0 <= k <= n so tail sums can skip impossible terms. */
export function logChoose(n: number, k: number): number {
  if (!Number.isInteger(n) || !Number.isInteger(k) || n < 0) return Number.NaN
  if (k < 0 || k > n) return Number.NEGATIVE_INFINITY
  if (k === 0 || k === n) return 0
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k)
}

// stirlingError(n/2) for n = 0..30, computed with mpmath at 40 digits.
const STIRLING_ERROR_HALVES = [
  0.0, 0.15342640972002736, 0.08106146679532726, 0.05481412105191765, 0.0413406959554093,
  0.03316287351993629, 0.02767792568499834, 0.023746163656297496, 0.020790672103765093,
  0.018488450532673187, 0.016644691189821193, 0.015134973221917378, 0.013876128823070748,
  0.012810465242920227, 0.01189670994589177, 0.011104559758206917, 0.010411265261972096,
  0.009799416126158804, 0.009255462182712733, 0.008768700134139386, 0.00833056343336287,
  0.00793411456431402, 0.007573675487951841, 0.007244554301320383, 0.00694284010720953,
  0.006665247032707682, 0.006408994188004207, 0.006171712263039458, 0.0059513701127588475,
  0.0057462165130101155, 0.005554733551962801
]

/**
 * log(n!) - log(sqrt(2πn) (n/e)^n) (Loader 2000). Used instead of logGamma differences so that
 * binomial, hypergeometric and Poisson probabilities stay accurate with counts in the millions.
 */
export function stirlingError(n: number): number {
  if (n <= 15) {
    const twice = n + n
    if (Number.isInteger(twice)) return STIRLING_ERROR_HALVES[twice]
    return logGamma(n + 1) - (n + 0.5) * Math.log(n) + n - LN_SQRT_2PI
  }
  const s0 = 1 / 12
  const s1 = 1 / 360
  const s2 = 1 / 1260
  const s3 = 1 / 1680
  const s4 = 1 / 1188
  const nn = n * n
  if (n > 500) return (s0 - s1 / nn) / n
  if (n > 80) return (s0 - (s1 - s2 / nn) / nn) / n
  if (n > 35) return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n
  return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n
}

/**
 * Deviance term x log(x / m) + m - x (Loader 2000), summed as a series when x ≈ m where the direct
 * formula cancels catastrophically; the core of every accurate discrete pmf below.
 */
export function devianceTerm(x: number, m: number): number {
  if (x === 0) return m
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m)
    let sum = (x - m) * v
    let ej = 2 * x * v
    v *= v
    for (let j = 1; j < 1000; j++) {
      ej *= v
      const next = sum + ej / (2 * j + 1)
      if (next === sum) return next
      sum = next
    }
    return sum
  }
  return x * Math.log(x / m) + m - x
}

/**
 * log of the binomial pmf with the failure probability passed separately (Loader's dbinom_raw), so
 * the hypergeometric pmf can pass an exact q and tails in the 1e-300 range keep full precision.
 */
export function logBinomialPmfRaw(x: number, n: number, p: number, q: number): number {
  if (p === 0) return x === 0 ? 0 : Number.NEGATIVE_INFINITY
  if (q === 0) return x === n ? 0 : Number.NEGATIVE_INFINITY
  if (x < 0 || x > n) return Number.NEGATIVE_INFINITY
  if (x === 0) {
    if (n === 0) return 0
    return p < 0.1 ? -devianceTerm(n, n * q) - n * p : n * Math.log(q)
  }
  if (x === n) return q < 0.1 ? -devianceTerm(n, n * p) - n * q : n * Math.log(p)
  const lc =
    stirlingError(n) -
    stirlingError(x) -
    stirlingError(n - x) -
    devianceTerm(x, n * p) -
    devianceTerm(n - x, n * q)
  const lf = LN_2PI + Math.log(x) + Math.log1p(-x / n)
  return lc - 0.5 * lf
}

/** log P[X = x] for X ~ Binomial(n, p); building block of the binomial tail. */
export function logBinomialPmf(x: number, n: number, p: number): number {
  return logBinomialPmfRaw(x, n, p, 1 - p)
}

/**
 * log P[X = k] for X ~ Hypergeometric(M population, n successes, N draws) as a ratio of binomial
 * pmfs (R's dhyper), accurate for tables with hundreds of thousands of rows.
 */
export function logHypergeometricPmf(k: number, M: number, n: number, N: number): number {
  if (k < Math.max(0, N - (M - n)) || k > Math.min(n, N)) return Number.NEGATIVE_INFINITY
  if (N === 0 || N === M) return 0
  const p = N / M
  const q = (M - N) / M
  return (
    logBinomialPmfRaw(k, n, p, q) +
    logBinomialPmfRaw(N - k, M - n, p, q) -
    logBinomialPmfRaw(N, M, p, q)
  )
}

/** log(x^a e^-x / Γ(a + 1)) for real a >= 0: the Poisson pmf and the incomplete-gamma prefactor. */
export function logPoissonPmfRaw(a: number, x: number): number {
  if (x === 0) return a === 0 ? 0 : Number.NEGATIVE_INFINITY
  if (a === 0) return -x
  return -stirlingError(a) - devianceTerm(a, x) - 0.5 * (LN_2PI + Math.log(a))
}

/** log(e^a + e^b) without overflow; accumulates tail probabilities below 1e-308. */
export function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b
  if (b === Number.NEGATIVE_INFINITY) return a
  const hi = Math.max(a, b)
  return hi + Math.log1p(Math.exp(Math.min(a, b) - hi))
}

/** log(Σ e^v); -Infinity for an empty list (the log of an empty sum). */
export function logSumExp(values: readonly number[]): number {
  let hi = Number.NEGATIVE_INFINITY
  for (const v of values) if (v > hi) hi = v
  if (hi === Number.NEGATIVE_INFINITY || !Number.isFinite(hi)) return hi
  let sum = 0
  for (const v of values) sum += Math.exp(v - hi)
  return hi + Math.log(sum)
}

const GAMMA_EPS = 1e-16
const GAMMA_TINY = 1e-300

/** Series for P(a, x) divided by its prefactor; converges fast when x < a + 1. */
function lowerGammaSeries(a: number, x: number): number {
  let term = 1
  let sum = 1
  const maxIterations = 100000 + Math.ceil(20 * Math.sqrt(a))
  for (let k = 1; k < maxIterations; k++) {
    term *= x / (a + k)
    sum += term
    if (term < sum * GAMMA_EPS) break
  }
  return sum
}

/** Lentz continued fraction for Q(a, x) divided by its prefactor; converges fast when x > a + 1. */
function upperGammaFraction(a: number, x: number): number {
  let b = x + 1 - a
  let c = 1 / GAMMA_TINY
  let d = 1 / b
  let h = d
  const maxIterations = 100000 + Math.ceil(20 * Math.sqrt(a))
  for (let i = 1; i < maxIterations; i++) {
    const an = -i * (i - a)
    b += 2
    d = an * d + b
    if (Math.abs(d) < GAMMA_TINY) d = GAMMA_TINY
    c = b + an / c
    if (Math.abs(c) < GAMMA_TINY) c = GAMMA_TINY
    d = 1 / d
    const delta = d * c
    h *= delta
    if (Math.abs(delta - 1) < GAMMA_EPS) break
  }
  return h
}

/**
 * Both regularized incomplete gammas at once, each computed directly in the tail where it is small
 * so that the other one is a harmless 1 - tiny.
 */
function regularizedGamma(a: number, x: number): { p: number; q: number } {
  if (Number.isNaN(a) || Number.isNaN(x) || a <= 0 || x < 0) return { p: Number.NaN, q: Number.NaN }
  if (x === 0) return { p: 0, q: 1 }
  if (x === Number.POSITIVE_INFINITY) return { p: 1, q: 0 }
  const logPrefactor = logPoissonPmfRaw(a, x)
  if (x < a + 1) {
    const p = Math.min(1, Math.exp(logPrefactor + Math.log(lowerGammaSeries(a, x))))
    return { p, q: 1 - p }
  }
  // x^a e^-x / Γ(a) = a · x^a e^-x / Γ(a + 1)
  const q = Math.min(1, Math.exp(logPrefactor + Math.log(a * upperGammaFraction(a, x))))
  return { p: 1 - q, q }
}

/** Regularized lower incomplete gamma P(a, x); the Poisson upper tail P[X >= k] = P(k, mu). */
export function regularizedGammaP(a: number, x: number): number {
  return regularizedGamma(a, x).p
}

/** Regularized upper incomplete gamma Q(a, x); the chi-squared survival Q(dof/2, x/2). */
export function regularizedGammaQ(a: number, x: number): number {
  return regularizedGamma(a, x).q
}

/** Complementary error function via erfc(x) = Q(1/2, x²), accurate far into the upper tail. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return x
  const q = regularizedGammaQ(0.5, x * x)
  return x >= 0 ? q : 2 - q
}

/**
 * P[Z > z] for a standard normal, via Q(1/2, z²/2) so that z = 30 still gives 4.9e-198 instead of
 * the 0 that 1 - Φ(z) would.
 */
export function normalSurvival(z: number): number {
  if (Number.isNaN(z)) return z
  const half = 0.5 * regularizedGammaQ(0.5, 0.5 * z * z)
  return z >= 0 ? half : 1 - half
}
