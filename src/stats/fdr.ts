/**
 * Multiple-testing control. The gate runs one test per column, label or token, so without an
 * adjustment a large dataset would always "find" something at p < 0.05.
 */

/**
 * Benjamini-Hochberg adjusted p-values (q-values) in input order, matching
 * scipy.stats.false_discovery_control(ps, method='bh'): reject where q <= the target false discovery
 * rate. Valid under independence or positive dependence of the tests, which per-column drift tests
 * roughly satisfy. Throws RangeError for values outside [0, 1] (including NaN), as SciPy does.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  for (const p of pValues) {
    if (!(p >= 0 && p <= 1)) {
      throw new RangeError(`benjaminiHochberg: p-values must be in [0, 1], got ${p}`)
    }
  }
  const m = pValues.length
  if (m <= 1) return [...pValues]
  const order = pValues.map((_, i) => i).sort((x, y) => pValues[x] - pValues[y])
  const adjusted = new Array<number>(m)
  let running = Number.POSITIVE_INFINITY
  for (let rank = m; rank >= 1; rank--) {
    const index = order[rank - 1]
    running = Math.min(running, pValues[index] * (m / rank))
    adjusted[index] = Math.min(1, running)
  }
  return adjusted
}
