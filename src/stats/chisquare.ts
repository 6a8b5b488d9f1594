/**
 * Pearson chi-squared test of independence for categorical columns (base vs head counts per label),
 * matching `scipy.stats.chi2_contingency(table, correction)`.
 */

import { regularizedGammaQ } from './special.js'

export interface ChiSquareOptions {
  /** Yates' continuity correction, applied (as in SciPy) only when dof = 1. Default true. */
  correction?: boolean
}

export interface ChiSquareResult {
  statistic: number
  pValue: number
  /** Degrees of freedom of the table after all-zero rows and columns are dropped. */
  dof: number
  /** Expected counts in the shape of the input; 0 in dropped rows and columns. */
  expected: number[][]
}

/** P[X >= x] for X ~ chi-squared(dof); turns a statistic into a p-value without losing tiny tails. */
export function chiSquareSurvival(x: number, dof: number): number {
  if (Number.isNaN(x) || Number.isNaN(dof) || dof <= 0) return Number.NaN
  if (x <= 0) return 1
  return regularizedGammaQ(dof / 2, x / 2)
}

/**
 * Chi-squared test on an r x c table of non-negative counts. All-zero rows and columns are dropped
 * first: a category that occurs on neither side carries no evidence, yet SciPy refuses such a table
 * (zero expected frequency) and counting it would inflate dof. An empty or all-zero table, or one
 * with a single non-empty row or column, gives statistic 0, p-value 1, dof 0.
 * Throws RangeError on ragged rows or negative / non-finite counts.
 */
export function chiSquareContingency(
  table: readonly (readonly number[])[],
  options: ChiSquareOptions = {}
): ChiSquareResult {
  const correction = options.correction ?? true
  const rows = table.length
  const cols = rows === 0 ? 0 : table[0].length
  for (const row of table) {
    if (row.length !== cols) throw new RangeError('chiSquareContingency: rows differ in length')
    for (const v of row) {
      if (!Number.isFinite(v) || v < 0) {
        throw new RangeError(`chiSquareContingency: counts must be finite and >= 0, got ${v}`)
      }
    }
  }
  const rowSums = table.map((row) => row.reduce((s, v) => s + v, 0))
  const colSums = Array.from({ length: cols }, (_, j) => table.reduce((s, row) => s + row[j], 0))
  const total = rowSums.reduce((s, v) => s + v, 0)
  const keptRows = rowSums.flatMap((s, i) => (s > 0 ? [i] : []))
  const keptCols = colSums.flatMap((s, j) => (s > 0 ? [j] : []))

  const expected = table.map((row, i) =>
    row.map((_, j) => (total > 0 ? (rowSums[i] * colSums[j]) / total : 0))
  )
  const dof = keptRows.length * keptCols.length - keptRows.length - keptCols.length + 1
  if (keptRows.length < 2 || keptCols.length < 2) {
    return { statistic: 0, pValue: 1, dof: 0, expected }
  }

  const yates = correction && dof === 1
  let statistic = 0
  for (const i of keptRows) {
    for (const j of keptCols) {
      const e = expected[i][j]
      let o = table[i][j]
      if (yates) {
        // Shift each cell towards its expectation by at most 0.5, never past it (SciPy gh-13875).
        const diff = e - o
        o += Math.sign(diff) * Math.min(0.5, Math.abs(diff))
      }
      statistic += ((o - e) * (o - e)) / e
    }
  }
  return { statistic, pValue: chiSquareSurvival(statistic, dof), dof, expected }
}
