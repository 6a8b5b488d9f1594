/**
 * Exact null distribution of the two-sided two-sample Kolmogorov-Smirnov statistic, ported from
 * SciPy (`_compute_prob_outside_square` and the Pythran `_compute_outer_prob_inside_method`, after
 * Hodges 1958 and Viehmann 2021). SciPy uses it whenever both samples have at most 10 000 values,
 * where the asymptotic p-value can be off by a factor of two.
 */

/**
 * P[D_{n,n} >= h/n] for equal sample sizes: the alternating reflection sum, evaluated Horner-style
 * so that no large binomial coefficient is ever formed.
 */
export function probabilityOutsideSquare(n: number, h: number): number {
  let P = 0
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1)
    P = p1 * (1 - P)
  }
  return 2 * P
}

/**
 * P[D_{m,n} >= h/lcm(m,n)] for unequal sizes: counts lattice paths that stay strictly inside the
 * band |x/m - y/n| < h/lcm column by column, keeping only the sliding window of live cells and
 * normalising as it goes so that the counts never overflow.
 */
export function probabilityOutsideBand(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0)
  const n = Math.min(m0, n0)
  const mg = m / g
  const ng = n / g
  let minj = 0
  let maxj = Math.min(Math.ceil(h / mg), n + 1)
  let curlen = maxj - minj
  const lenA = Math.min(2 * maxj + 2, n + 1)
  const A = new Float64Array(lenA).fill(1)
  for (let j = minj; j < maxj; j++) A[j] = 0
  for (let i = 1; i <= m; i++) {
    const lastminj = minj
    const lastlen = curlen
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n)
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1)
    if (maxj <= minj) return 1
    let val = minj === 0 ? 0 : 1
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj
      val = (A[jj + minj - lastminj] * i + val * j) / (i + j)
      A[jj] = val
    }
    curlen = maxj - minj
    if (lastlen > curlen) A.fill(1, maxj - minj, maxj - minj + (lastlen - curlen))
  }
  return A[maxj - minj - 1]
}
