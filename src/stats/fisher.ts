/**
 * Fisher's exact test on 2x2 tables, e.g. "rows carrying this token" x "label 1 vs label 0" in the
 * added rows against the base. Exact, so it stays valid for the single-digit cells that backdoor
 * triggers produce, where chi-squared is not.
 */

import { logHypergeometricPmf } from './special.js'
import { lowerTail, upperTail, type UnimodalDiscrete } from './tails.js'

export type Alternative = 'two-sided' | 'greater' | 'less'

export interface FisherResult {
  /** Sample odds ratio ad / bc: Infinity when bc = 0 < ad, NaN when a row or column is empty. */
  oddsRatio: number
  pValue: number
}

/**
 * Tables whose probability is within this relative distance of the observed one count as "as
 * extreme". SciPy 1.17 uses 1e-14, which assumes Boost's correctly rounded pmf; our log-space pmf is
 * accurate to ~1e-12 for large tables, so we use R's (and older SciPy's) 1e-7 to keep
 * mathematically tied tables tied.
 */
const RELATIVE_TOLERANCE = 1e-7

function hypergeometric(M: number, n: number, N: number): UnimodalDiscrete {
  return {
    lower: Math.max(0, N - (M - n)),
    upper: Math.min(n, N),
    mode: Math.floor(((N + 1) * (n + 1)) / (M + 2)),
    logPmf: (x: number) => logHypergeometricPmf(x, M, n, N)
  }
}

function isCount(x: number): boolean {
  return Number.isInteger(x) && x >= 0
}

/**
 * P[X >= k] for X ~ Hypergeometric(M population, n successes, N draws), like
 * scipy.stats.hypergeom.sf(k - 1, M, n, N): the one-sided enrichment p-value ("k of the N added
 * rows carry the token, n of all M rows do"). Invalid parameters give NaN, as in SciPy.
 */
export function hypergeometricSurvival(k: number, M: number, n: number, N: number): number {
  if (!isCount(M) || !isCount(n) || !isCount(N) || n > M || N > M || Number.isNaN(k)) {
    return Number.NaN
  }
  return upperTail(hypergeometric(M, n, N), Math.ceil(k))
}

/** First x in [lo, hi] with pred(x) true, for pred false...false true...true; hi + 1 if none. */
function firstTrue(lo: number, hi: number, pred: (x: number) => boolean): number {
  let a = lo
  let b = hi + 1
  while (a < b) {
    const mid = a + Math.floor((b - a) / 2)
    if (pred(mid)) b = mid
    else a = mid + 1
  }
  return a
}

/**
 * Two-sided p-value: total probability of the tables no more likely than the observed one, as
 * scipy.stats.fisher_exact computes it (the observed tail plus the opposite tail beyond the point
 * where the pmf drops to the observed probability).
 */
function twoSidedPValue(dist: UnimodalDiscrete, observed: number): number {
  const logObserved = dist.logPmf(observed)
  const logMode = dist.logPmf(dist.mode)
  if (-Math.expm1(-Math.abs(logObserved - logMode)) <= RELATIVE_TOLERANCE) return 1
  const logThreshold = logObserved + Math.log1p(RELATIVE_TOLERANCE)
  const atMost = (x: number) => dist.logPmf(x) <= logThreshold
  if (observed < dist.mode) {
    const start = firstTrue(dist.mode, dist.upper, atMost)
    const opposite = start > dist.upper ? 0 : upperTail(dist, start)
    return lowerTail(dist, observed) + opposite
  }
  const end = firstTrue(dist.lower, dist.mode, (x) => !atMost(x)) - 1
  const opposite = end < dist.lower ? 0 : lowerTail(dist, end)
  return upperTail(dist, observed) + opposite
}

/**
 * Fisher's exact test for [[a, b], [c, d]] matching scipy.stats.fisher_exact(table, alternative):
 * 'greater' tests for an odds ratio above 1 (a is large), 'less' below 1. Probabilities are summed
 * in log space, so tables with hundreds of thousands of rows and p-values far below 1e-300 work.
 * A table with an empty row or column gives { oddsRatio: NaN, pValue: 1 } as in SciPy; negative or
 * non-integer counts throw RangeError.
 */
export function fisherExact(
  a: number,
  b: number,
  c: number,
  d: number,
  alternative: Alternative = 'two-sided'
): FisherResult {
  for (const x of [a, b, c, d]) {
    if (!isCount(x)) throw new RangeError(`fisherExact: counts must be integers >= 0, got ${x}`)
  }
  if (a + b === 0 || c + d === 0 || a + c === 0 || b + d === 0) {
    return { oddsRatio: Number.NaN, pValue: 1 }
  }
  const oddsRatio = b > 0 && c > 0 ? (a * d) / (b * c) : Number.POSITIVE_INFINITY
  const dist = hypergeometric(a + b + c + d, a + b, a + c)
  let pValue: number
  if (alternative === 'less') pValue = lowerTail(dist, a)
  else if (alternative === 'greater') pValue = upperTail(dist, a)
  else pValue = twoSidedPValue(dist, a)
  return { oddsRatio, pValue: Math.min(1, pValue) }
}
