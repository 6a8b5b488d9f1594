/**
 * Upper tails of count distributions, for "is this token / label / duplicate count surprisingly
 * high given the base rate?" Each returns P[X >= k] (not P[X > k]) because that is the p-value of
 * having observed k; arguments are not integers only where noted.
 */

import { logBinomialPmf, regularizedGammaP } from './special.js'
import { upperTail } from './tails.js'

/**
 * P[X >= k] for X ~ Binomial(n, p), like scipy.stats.binom.sf(k - 1, n, p). Summed in log space
 * from Loader's pmf, so p-values down to ~1e-300 keep full relative precision even for n in the
 * millions. Non-integer k counts as ceil(k); invalid n or p gives NaN, as SciPy does.
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (!Number.isInteger(n) || n < 0 || !(p >= 0 && p <= 1) || Number.isNaN(k)) return Number.NaN
  const threshold = Math.ceil(k)
  if (threshold <= 0) return 1
  if (threshold > n) return 0
  if (p === 0) return 0
  if (p === 1) return 1
  const mode = Math.min(n, Math.floor((n + 1) * p))
  return upperTail(
    { lower: 0, upper: n, mode, logPmf: (x: number) => logBinomialPmf(x, n, p) },
    threshold
  )
}

/**
 * P[X >= k] for X ~ Poisson(mu), like scipy.stats.poisson.sf(k - 1, mu): the rare-event limit of
 * binomialUpperTail when only an expected count is known. Computed as the regularized lower
 * incomplete gamma P(k, mu), accurate in the far tail. Non-integer k counts as ceil(k).
 */
export function poissonUpperTail(k: number, mu: number): number {
  if (!(mu >= 0) || Number.isNaN(k)) return Number.NaN
  const threshold = Math.ceil(k)
  if (threshold <= 0) return 1
  if (mu === 0) return 0
  return regularizedGammaP(threshold, mu)
}
