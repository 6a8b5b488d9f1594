/**
 * Tail probabilities of unimodal discrete distributions (binomial, hypergeometric) by summing the
 * pmf outward from the tail's inner end. The terms then only shrink, so the sum can stop as soon as
 * they no longer matter, and it is carried in log space so p-values below 1e-308 do not become 0
 * half way through.
 */

export interface UnimodalDiscrete {
  /** Smallest and largest values with positive probability. */
  lower: number
  upper: number
  /** A value where the pmf is maximal: the pmf never decreases up to it and never increases after. */
  mode: number
  logPmf(x: number): number
}

/** Relative size below which a shrinking term can no longer change a double-precision sum. */
const NEGLIGIBLE = 1e-20

/** log Σ e^{logPmf(x)} for x walking from `start` to `end` (inclusive), terms non-increasing. */
export function logShrinkingSum(logPmf: (x: number) => number, start: number, end: number): number {
  const step = end >= start ? 1 : -1
  const first = logPmf(start)
  if (first === Number.NEGATIVE_INFINITY) return first
  let sum = 0
  for (let x = start; ; x += step) {
    const term = Math.exp(logPmf(x) - first)
    sum += term
    if (x === end || term < sum * NEGLIGIBLE) break
  }
  return first + Math.log(sum)
}

/** P[X >= k]; the far tail is summed directly, the near tail through its small complement. */
export function upperTail(dist: UnimodalDiscrete, k: number): number {
  if (k <= dist.lower) return 1
  if (k > dist.upper) return 0
  if (k > dist.mode) return Math.exp(logShrinkingSum(dist.logPmf, k, dist.upper))
  return Math.max(0, 1 - Math.exp(logShrinkingSum(dist.logPmf, k - 1, dist.lower)))
}

/** P[X <= k], mirroring upperTail. */
export function lowerTail(dist: UnimodalDiscrete, k: number): number {
  if (k >= dist.upper) return 1
  if (k < dist.lower) return 0
  if (k < dist.mode) return Math.exp(logShrinkingSum(dist.logPmf, k, dist.lower))
  return Math.max(0, 1 - Math.exp(logShrinkingSum(dist.logPmf, k + 1, dist.upper)))
}
