/**
 * Effect-size distances between a base and a head distribution. Unlike p-values they do not shrink
 * with sample size, so the gate thresholds on them to ignore statistically significant but tiny
 * drift in large datasets.
 */

/** Normalises non-negative counts to proportions; rejects input that is not a distribution. */
function proportions(counts: readonly number[], name: string): number[] {
  let total = 0
  for (const c of counts) {
    if (!Number.isFinite(c) || c < 0) {
      throw new RangeError(`${name}: counts must be finite and >= 0, got ${c}`)
    }
    total += c
  }
  if (!(total > 0)) throw new RangeError(`${name}: counts must not all be zero`)
  return counts.map((c) => c / total)
}

function checkSameLength(p: readonly number[], q: readonly number[], name: string): void {
  if (p.length !== q.length) {
    throw new RangeError(`${name}: ${p.length} vs ${q.length} categories`)
  }
}

/**
 * Population Stability Index Σ (a - e) ln(a / e) over category (or bin) proportions, the credit-risk
 * drift score that data teams already know. Zero proportions are replaced by `epsilon` (Evidently's
 * 1e-4) before the logarithm, without renormalising. Rule of thumb: < 0.1 no significant shift,
 * 0.1-0.25 moderate shift worth a look, > 0.25 major shift. Throws RangeError on mismatched lengths,
 * negative counts or an all-zero side.
 */
export function populationStabilityIndex(
  expectedCounts: readonly number[],
  actualCounts: readonly number[],
  epsilon = 1e-4
): number {
  checkSameLength(expectedCounts, actualCounts, 'populationStabilityIndex')
  const e = proportions(expectedCounts, 'populationStabilityIndex')
  const a = proportions(actualCounts, 'populationStabilityIndex')
  let psi = 0
  for (let i = 0; i < e.length; i++) {
    const ei = e[i] === 0 ? epsilon : e[i]
    const ai = a[i] === 0 ? epsilon : a[i]
    psi += (ai - ei) * Math.log(ai / ei)
  }
  return psi
}

/** SciPy's rel_entr: x ln(x/y) with 0 ln(0/y) = 0. */
function relativeEntropyTerm(x: number, y: number): number {
  if (x === 0) return 0
  if (y === 0) return Number.POSITIVE_INFINITY
  return x * Math.log(x / y)
}

/**
 * Jensen-Shannon distance (the square root of the JS divergence) between two category histograms,
 * matching scipy.spatial.distance.jensenshannon(p, q, base): bounded by 1 in base 2 and defined
 * when a category is missing on one side, which PSI needs an epsilon for. Inputs are counts or
 * weights and are normalised; throws RangeError like populationStabilityIndex.
 */
export function jensenShannonDistance(
  p: readonly number[],
  q: readonly number[],
  base = 2
): number {
  checkSameLength(p, q, 'jensenShannonDistance')
  const pn = proportions(p, 'jensenShannonDistance')
  const qn = proportions(q, 'jensenShannonDistance')
  let left = 0
  let right = 0
  for (let i = 0; i < pn.length; i++) {
    const m = (pn[i] + qn[i]) / 2
    left += relativeEntropyTerm(pn[i], m)
    right += relativeEntropyTerm(qn[i], m)
  }
  const js = (left + right) / Math.log(base)
  // Rounding can leave a -1e-17 for identical inputs; the divergence is never negative.
  return Math.sqrt(Math.max(0, js / 2))
}

/**
 * Earth mover's distance between two samples, ∫ |F_u - F_v| dx, matching
 * scipy.stats.wasserstein_distance(u, v) without weights: it is in the column's own units, so
 * "the mean moved by 3 years" reads directly off it. One merge walk over sorted copies.
 * Throws RangeError if either sample is empty (as SciPy raises); NaN in either sample gives NaN.
 */
export function wassersteinDistance(u: readonly number[], v: readonly number[]): number {
  if (u.length === 0 || v.length === 0) {
    throw new RangeError('wassersteinDistance: samples must not be empty')
  }
  const a = Float64Array.from(u)
  const b = Float64Array.from(v)
  if (a.some(Number.isNaN) || b.some(Number.isNaN)) return Number.NaN
  a.sort()
  b.sort()
  const n1 = a.length
  const n2 = b.length
  let i = 0
  let j = 0
  let distance = 0
  while (i < n1 || j < n2) {
    const value = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j]
    while (i < n1 && a[i] === value) i++
    while (j < n2 && b[j] === value) j++
    if (i === n1 && j === n2) break
    const next = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j]
    distance += Math.abs(i / n1 - j / n2) * (next - value)
  }
  return distance
}

/**
 * Wasserstein distance divided by the population standard deviation of `u` (the base sample), the
 * scale-free drift score of Evidently's "wasserstein" test (its default threshold is 0.1). Like
 * Evidently, the standard deviation is floored at 0.001 so a constant base column does not divide
 * by zero; a constant column that starts varying then scores very high, which is what we want.
 */
export function normalizedWasserstein(u: readonly number[], v: readonly number[]): number {
  const distance = wassersteinDistance(u, v)
  let mean = 0
  for (const x of u) mean += x
  mean /= u.length
  let sumSquares = 0
  for (const x of u) sumSquares += (x - mean) * (x - mean)
  const std = Math.sqrt(sumSquares / u.length)
  return distance / Math.max(std, 0.001)
}

export interface LInfinityResult {
  /** max_i |p_i - q_i| over normalised proportions, in [0, 1]. */
  distance: number
  /** The category that moved most (first one on ties), so a finding can name it. */
  index: number
}

/**
 * Largest change in any single category's share: the easiest drift number to explain ("label
 * `spam` went from 10% to 31%"). Inputs are counts or weights; throws RangeError like
 * populationStabilityIndex. Zero categories give distance 0 and index -1.
 */
export function lInfinityDistance(p: readonly number[], q: readonly number[]): LInfinityResult {
  checkSameLength(p, q, 'lInfinityDistance')
  if (p.length === 0) return { distance: 0, index: -1 }
  const pn = proportions(p, 'lInfinityDistance')
  const qn = proportions(q, 'lInfinityDistance')
  let distance = -1
  let index = -1
  for (let i = 0; i < pn.length; i++) {
    const d = Math.abs(pn[i] - qn[i])
    if (d > distance) {
      distance = d
      index = i
    }
  }
  return { distance, index }
}
