/**
 * Two-sample Kolmogorov-Smirnov test for numeric columns, matching `scipy.stats.ks_2samp(a, b)`
 * (two-sided, method='auto') so that thresholds tuned in notebooks carry over to the gate.
 */

import { kolmogorovSmirnovSurvival } from './kolmogorov.js'
import { probabilityOutsideBand, probabilityOutsideSquare } from './ksExact.js'

export type KsMethod = 'auto' | 'exact' | 'asymp'

export interface KsOptions {
  /**
   * SciPy's `method`: 'auto' (default) is exact when both samples have at most 10 000 values;
   * 'asymp' skips the exact lattice-path count, which costs up to ~0.5 s at 10 000 x 9 999 with a
   * large D, when only a screening p-value is needed.
   */
  method?: KsMethod
}

export interface KsResult {
  /** sup |F_a - F_b| over the pooled values. */
  statistic: number
  pValue: number
}

/** SciPy's method='auto' switches from the exact to the asymptotic p-value above this size. */
const MAX_EXACT_N = 10000
/** With method 'exact', SciPy still goes asymptotic when lcm(n1, n2) would overflow an int32. */
const INT32_MAX = 2147483647

/** Python/NumPy round(): half to even, which matters when n1 n2 / (n1 + n2) ends in .5. */
function roundHalfEven(x: number): number {
  const r = Math.round(x)
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r
}

function gcd(a: number, b: number): number {
  let x = a
  let y = b
  while (y !== 0) [x, y] = [y, x % y]
  return x
}

/**
 * sup_x |F_a(x) - F_b(x)| by one merge walk over the sorted samples. Differences are formed as
 * i/n1 - j/n2 exactly as SciPy does, so the statistic is bit-identical and the asymptotic path sees
 * the same input.
 */
function ksStatistic(a: Float64Array, b: Float64Array): number {
  const n1 = a.length
  const n2 = b.length
  let i = 0
  let j = 0
  let maxDiff = Number.NEGATIVE_INFINITY
  let minDiff = Number.POSITIVE_INFINITY
  while (i < n1 || j < n2) {
    const value = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j]
    while (i < n1 && a[i] === value) i++
    while (j < n2 && b[j] === value) j++
    const diff = i / n1 - j / n2
    if (diff > maxDiff) maxDiff = diff
    if (diff < minDiff) minDiff = diff
  }
  const minS = Math.min(1, Math.max(0, -minDiff))
  return minS > maxDiff ? minS : maxDiff
}

/**
 * Exact p-value for D = h / lcm(n1, n2) as in SciPy's `_attempt_exact_2kssamp`; undefined when the
 * computation leaves [0, 1], which is SciPy's cue to fall back to the asymptotic distribution.
 */
function exactPValue(
  n1: number,
  n2: number,
  g: number,
  d: number
): { d: number; p: number } | undefined {
  const lcm = (n1 / g) * n2
  const h = Math.round(d * lcm)
  const rounded = h / lcm
  if (h === 0) return { d: rounded, p: 1 }
  const p = n1 === n2 ? probabilityOutsideSquare(n1, h) : probabilityOutsideBand(n1, n2, g, h)
  if (!(p >= 0 && p <= 1)) return undefined
  return { d: rounded, p }
}

/**
 * Two-sided two-sample KS test (SciPy's default alternative). Sorting is done once on typed copies (the inputs are not mutated),
 * so 200k + 200k values take well under a second. Empty input or a NaN gives NaN for both fields,
 * as SciPy 1.17 returns; infinities are ordinary values.
 */
export function ksTwoSample(
  a: readonly number[],
  b: readonly number[],
  options: KsOptions = {}
): KsResult {
  const method = options.method ?? 'auto'
  const n1 = a.length
  const n2 = b.length
  if (n1 === 0 || n2 === 0) return { statistic: Number.NaN, pValue: Number.NaN }
  const sortedA = Float64Array.from(a)
  const sortedB = Float64Array.from(b)
  for (const v of sortedA) if (Number.isNaN(v)) return { statistic: Number.NaN, pValue: Number.NaN }
  for (const v of sortedB) if (Number.isNaN(v)) return { statistic: Number.NaN, pValue: Number.NaN }
  sortedA.sort()
  sortedB.sort()
  const d = ksStatistic(sortedA, sortedB)
  const g = gcd(n1, n2)
  const tryExact =
    method === 'auto'
      ? Math.max(n1, n2) <= MAX_EXACT_N
      : method === 'exact' && n1 / g < INT32_MAX / (n2 / g)
  if (tryExact) {
    const exact = exactPValue(n1, n2, g, d)
    if (exact) return { statistic: exact.d, pValue: Math.min(1, Math.max(0, exact.p)) }
  }
  const m = Math.max(n1, n2)
  const n = Math.min(n1, n2)
  const en = (m * n) / (m + n)
  return { statistic: d, pValue: kolmogorovSmirnovSurvival(roundHalfEven(en), d) }
}
