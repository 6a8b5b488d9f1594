/**
 * Which tokens (or values) are over-represented in one corpus relative to another, robust to rare
 * tokens: Monroe, Colaresi & Quinn (2008), "Fightin' Words", log-odds ratio with an informative
 * Dirichlet prior. The gate ranks candidate trigger tokens in added rows by its z-score.
 */

export interface LogOddsResult {
  /** Log-odds of the token in A minus in B, both smoothed by the prior. */
  delta: number
  /** Approximate variance of delta: 1 / (yA + a) + 1 / (yB + a). */
  variance: number
  /** delta / sqrt(variance); |z| > 1.96 is the paper's conventional cut-off. */
  z: number
}

/**
 * Log-odds ratio of one token between corpus A (countA occurrences among totalA tokens) and corpus
 * B, with prior pseudo-count a = priorCount out of a0 = priorTotal (usually the token's count and
 * the total in a large background corpus, optionally scaled down):
 *   delta = ln((yA + a) / (nA + a0 - yA - a)) - ln((yB + a) / (nB + a0 - yB - a)).
 * The prior shrinks rare tokens towards 0 so that a token seen twice does not outrank one seen two
 * thousand times. Throws RangeError on negative or non-finite input, on a priorCount that is not
 * positive, or when a smoothed "other tokens" count (n + a0 - y - a) is not positive.
 */
export function logOddsWithPrior(
  countA: number,
  totalA: number,
  countB: number,
  totalB: number,
  priorCount: number,
  priorTotal: number
): LogOddsResult {
  for (const x of [countA, totalA, countB, totalB, priorCount, priorTotal]) {
    if (!Number.isFinite(x) || x < 0) {
      throw new RangeError(`logOddsWithPrior: arguments must be finite and >= 0, got ${x}`)
    }
  }
  if (!(priorCount > 0)) throw new RangeError('logOddsWithPrior: priorCount must be > 0')
  const restA = totalA + priorTotal - countA - priorCount
  const restB = totalB + priorTotal - countB - priorCount
  if (!(restA > 0 && restB > 0)) {
    throw new RangeError('logOddsWithPrior: total + priorTotal must exceed count + priorCount')
  }
  const smoothedA = countA + priorCount
  const smoothedB = countB + priorCount
  const delta = Math.log(smoothedA / restA) - Math.log(smoothedB / restB)
  const variance = 1 / smoothedA + 1 / smoothedB
  return { delta, variance, z: delta / Math.sqrt(variance) }
}
