/**
 * Survival function of the one-sample two-sided Kolmogorov-Smirnov statistic D_n, a port of SciPy's
 * `kstwo.sf` (scipy/stats/_ksstats.py, Simard & L'Ecuyer 2011). `ksTwoSample` needs it for the
 * large-sample path, where SciPy evaluates kstwo.sf(D, round(n1 n2 / (n1 + n2))); porting the same
 * branch structure (Ruben-Gambino, Durbin matrix, Pomeranz, Pelz-Good, Smirnov) is what makes our
 * p-values agree with SciPy's instead of merely with the limiting distribution.
 */

import { logBinomialPmfRaw } from './special.js'

const SCALE_EXPONENT = 128
const SCALE_UP = 2 ** SCALE_EXPONENT
const SCALE_DOWN = 2 ** -SCALE_EXPONENT
const LOG_2PI = Math.log(2 * Math.PI)
const SQRT_2PI = Math.sqrt(2 * Math.PI)
const MIN_LOG = -708
/** Cephes MINLOG: below it exp() underflows, so the one-sided tail is exactly zero in doubles. */
const CEPHES_MIN_LOG = -708.3964185322641
const SMIRNOV_MAX_COMPUTE_N = 1000000
// Bernoulli-number Stirling coefficients, highest power first (as numpy.polyval expects).
const STIRLING_COEFFS = [
  -0.029550653594771242, 0.00641025641025641, -0.0019175269175269176, 0.0008417508417508417,
  -0.0005952380952380953, 0.0007936507936507937, -0.002777777777777778, 0.08333333333333333
]

function clipProbability(p: number): number {
  return Math.min(1, Math.max(0, p))
}

/** x · 2^exponent without the intermediate 2^exponent over- or underflowing. */
function ldexp(x: number, exponent: number): number {
  let value = x
  let e = exponent
  while (e > 1000) {
    value *= 2 ** 1000
    e -= 1000
  }
  while (e < -1000) {
    value *= 2 ** -1000
    e += 1000
  }
  return value * 2 ** e
}

/** log(n! / n^n) by Stirling's series, as SciPy uses for the Ruben-Gambino tail with n > 140. */
function logFactorialOverPower(n: number): number {
  const rn = 1 / n
  const y = rn / n
  let poly = 0
  for (const c of STIRLING_COEFFS) poly = poly * y + c
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly
}

/** Error-free product a·b = hi + lo (Dekker), so floor(n·x) is exact as in SciPy's double-double. */
function twoProduct(a: number, b: number): { hi: number; lo: number } {
  const hi = a * b
  const split = (v: number): [number, number] => {
    const c = 134217729 * v
    const high = c - (c - v)
    return [high, v - high]
  }
  const [ah, al] = split(a)
  const [bh, bl] = split(b)
  const lo = ah * bh - hi + ah * bl + al * bh + al * bl
  return { hi, lo }
}

/**
 * One-sided Smirnov survival P[D_n^+ >= x] (SciPy's `special.smirnov`), by the Birnbaum-Tingey sum.
 * Each term C(n,v) (x + v/n)^(v-1) (1 - x - v/n)^(n-v) is a binomial pmf divided by x + v/n, so it
 * is evaluated with Loader's pmf in log space instead of SciPy's double-double arithmetic; all terms
 * of this (lower) sum are positive, so the result has the same accuracy.
 */
export function smirnovSurvival(n: number, x: number): number {
  if (!(n > 0 && x >= 0 && x <= 1)) return Number.NaN
  if (n === 1) return 1 - x
  if (x === 0) return 1
  if (x === 1) return 0
  const product = twoProduct(n, x)
  let nxFloor = Math.floor(product.hi)
  if (nxFloor === product.hi && product.lo < 0) nxFloor -= 1
  let alpha = product.hi - nxFloor + product.lo
  if (alpha >= 1) {
    nxFloor += 1
    alpha = 0
  }
  if (nxFloor === 0 || (nxFloor === 1 && alpha === 0)) {
    return clipProbability(1 - x * Math.exp((n - 1) * Math.log1p(x)))
  }
  if (-2 * n * x * x < CEPHES_MIN_LOG) return 0
  if (nxFloor >= n - 1) return clipProbability(Math.exp(n * Math.log1p(-x)))
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    const logp = -Math.pow(6 * n * x + 1, 2) / 18 / n
    return clipProbability(logp < -Math.LN2 ? Math.exp(logp) : 1 + Math.expm1(logp))
  }
  const nTerms = n - nxFloor
  const halfN = Math.floor(n / 2)
  // The sum is kept as scale · e^logScale, rescaled when a larger term appears, so each of the up
  // to n terms costs one exp() and sums below 1e-308 survive.
  let logScale = Number.NEGATIVE_INFINITY
  let sum = 0
  for (let v = 0; v < nTerms; v++) {
    const p = (nxFloor + v + alpha) / n
    const q = (n - nxFloor - v - alpha) / n
    const logTerm = logBinomialPmfRaw(v, n, p, q) - Math.log(p)
    let term = 0
    if (logTerm > logScale) {
      sum = sum * Math.exp(logScale - logTerm) + 1
      logScale = logTerm
      term = 1
    } else if (logTerm > Number.NEGATIVE_INFINITY) {
      term = Math.exp(logTerm - logScale)
      sum += term
    }
    if (v === 0) continue
    // SciPy's stopping rule: the remaining terms cannot move the sum by an ulp.
    if (logTerm > Number.NEGATIVE_INFINITY) {
      if (4 * (nTerms - v) * term < Number.EPSILON * sum && v !== nTerms - 1) break
    } else if (v > halfN) {
      break
    }
  }
  return clipProbability(Math.exp(Math.log(x) + logScale + Math.log(sum)))
}

/** Pr(D_n <= d) by the Durbin matrix (Marsaglia-Tsang-Wang), SciPy's choice for small n·d. */
function durbinMatrixCdf(n: number, d: number): number {
  if (d >= 1) return 1
  const nd = n * d
  if (nd <= 0.5) return 0
  const k = Math.ceil(nd)
  const h = k - nd
  const m = 2 * k - 1
  const v = new Float64Array(m)
  const w = new Float64Array(m)
  let fac = 1
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac
    fac /= j
    v[j - 1] = (1 - Math.pow(h, j)) * fac
  }
  const tt = Math.pow(Math.max(2 * h - 1, 0), m) - 2 * Math.pow(h, m)
  v[m - 1] = (1 + tt) * fac
  let H: Float64Array = new Float64Array(m * m)
  for (let i = 1; i < m; i++) {
    for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - i + 1]
  }
  for (let r = 0; r < m; r++) H[r * m] = v[r]
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c]

  let power: Float64Array = new Float64Array(m * m)
  for (let i = 0; i < m; i++) power[i * m + i] = 1
  let remaining = n
  let exponent = 0
  let hExponent = 0
  while (remaining > 0) {
    if (remaining % 2 === 1) {
      power = multiply(power, H, m)
      exponent += hExponent
    }
    remaining = Math.floor(remaining / 2)
    if (remaining === 0) break
    H = multiply(H, H, m)
    hExponent *= 2
    if (Math.abs(H[(k - 1) * m + (k - 1)]) > SCALE_UP) {
      for (let i = 0; i < H.length; i++) H[i] /= SCALE_UP
      hExponent += SCALE_EXPONENT
    }
  }
  let p = power[(k - 1) * m + (k - 1)]
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n
    if (Math.abs(p) < SCALE_DOWN) {
      p *= SCALE_UP
      exponent -= SCALE_EXPONENT
    }
  }
  return clipProbability(ldexp(p, exponent))
}

function multiply(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m)
  for (let i = 0; i < m; i++) {
    for (let l = 0; l < m; l++) {
      const ail = a[i * m + l]
      if (ail === 0) continue
      for (let j = 0; j < m; j++) out[i * m + j] += ail * b[l * m + j]
    }
  }
  return out
}

function pomeranzBounds(
  i: number,
  n: number,
  ll: number,
  ceilf: number,
  roundf: number
): [number, number] {
  let j1: number
  let j2: number
  if (i === 0) {
    j1 = -ll - ceilf - 1
    j2 = ll + ceilf - 1
  } else {
    const half = Math.floor((i + 1) / 2)
    if ((i + 1) % 2 === 0) {
      if (half === n + 1) {
        j1 = n - ll - ceilf - 1
        j2 = n + ll + ceilf - 1
      } else {
        j1 = half - 1 - ll - roundf - 1
        j2 = half + ll - 1 + ceilf - 1
      }
    } else {
      j1 = half - 1 - ll - 1
      j2 = half + ll + roundf - 1
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)]
}

/** Pr(D_n <= d) by Pomeranz's recursion, SciPy's choice for n <= 140 and 0.75 < n·d² <= 4. */
function pomeranzCdf(n: number, x: number): number {
  const t = n * x
  const ll = Math.floor(t)
  const f = t - ll
  const g = Math.min(f, 1 - f)
  const ceilf = f > 0 ? 1 : 0
  const roundf = f > 0.5 ? 1 : 0
  const npwrs = 2 * (ll + 1)
  const gpower = new Float64Array(npwrs)
  const twogpower = new Float64Array(npwrs)
  const onem2gpower = new Float64Array(npwrs)
  gpower[0] = 1
  twogpower[0] = 1
  onem2gpower[0] = 1
  for (let m = 1; m < npwrs; m++) {
    gpower[m] = (gpower[m - 1] * (g / n)) / m
    twogpower[m] = (twogpower[m - 1] * ((2 * g) / n)) / m
    onem2gpower[m] = (onem2gpower[m - 1] * ((1 - 2 * g) / n)) / m
  }
  let V0 = new Float64Array(npwrs)
  let V1 = new Float64Array(npwrs)
  V1[0] = 1
  let V0s = 0
  let V1s = 0
  let exponent = 0
  let j1 = pomeranzBounds(0, n, ll, ceilf, roundf)[0]
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1
    ;[V0, V1] = [V1, V0]
    ;[V0s, V1s] = [V1s, V0s]
    V1.fill(0)
    const bounds = pomeranzBounds(i, n, ll, ceilf, roundf)
    j1 = bounds[0]
    const j2 = bounds[1]
    const pwrs = i === 1 || i === 2 * n + 1 ? gpower : i % 2 === 1 ? twogpower : onem2gpower
    const ln2 = j2 - k1 + 1
    if (ln2 > 0) {
      const start = k1 - V0s
      const aLength = Math.max(0, Math.min(ln2, npwrs - start))
      const bLength = Math.min(ln2, npwrs)
      const convStart = j1 - k1
      const convLength = j2 - j1 + 1
      let max = 0
      for (let out = 0; out < convLength; out++) {
        const idx = convStart + out
        let sum = 0
        const lo = Math.max(0, idx - bLength + 1)
        const hi = Math.min(aLength - 1, idx)
        for (let a = lo; a <= hi; a++) sum += V0[start + a] * pwrs[idx - a]
        V1[out] = sum
        if (sum > max) max = sum
      }
      if (max > 0 && max < SCALE_DOWN) {
        for (let o = 0; o < convLength; o++) V1[o] *= SCALE_UP
        exponent -= SCALE_EXPONENT
      }
      V1s = V0s + j1 - k1
    }
  }
  let answer = V1[n - V1s]
  for (let m = 1; m <= n; m++) {
    if (Math.abs(answer) > SCALE_UP) {
      answer *= SCALE_DOWN
      exponent += SCALE_EXPONENT
    }
    answer *= m
  }
  return clipProbability(ldexp(answer, exponent))
}

/** Pelz-Good asymptotic Pr(D_n <= x), SciPy's choice for large n when the Durbin matrix is too big. */
function pelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const z = Math.sqrt(n) * x
  const z2 = z * z
  const z3 = z2 * z
  const z4 = z2 * z2
  const z6 = z4 * z2
  const qlog = -(Math.PI * Math.PI) / 8 / z2
  if (qlog < MIN_LOG) return 0
  let q = Math.exp(qlog)
  const pi2 = Math.PI ** 2
  const pi4 = Math.PI ** 4
  const pi6 = Math.PI ** 6
  const k1a = -z2
  const k1b = pi2 / 4
  const k2a = 6 * z6 + 2 * z4
  const k2b = ((2 * z4 - 5 * z2) * pi2) / 4
  const k2c = (pi4 * (1 - 2 * z2)) / 16
  const k3d = (pi6 * (5 - 30 * z2)) / 64
  const k3c = (pi4 * (-60 * z2 + 212 * z4)) / 16
  const k3b = (pi2 * (135 * z4 - 96 * z6)) / 4
  const k3a = -30 * z6 - 90 * z ** 8
  const K = [0, 0, 0, 0]
  const maxk = Math.ceil((16 * z) / Math.PI)
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1
    const m2 = m * m
    const m4 = m2 * m2
    const m6 = m4 * m2
    const qpower = Math.pow(q, 8 * k)
    const coeffs = [
      1,
      k1a + k1b * m2,
      k2a + k2b * m2 + k2c * m4,
      k3a + k3b * m2 + k3c * m4 + k3d * m6
    ]
    for (let i = 0; i < 4; i++) K[i] = K[i] * qpower + coeffs[i]
  }
  const divisors = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10]
  for (let i = 0; i < 4; i++) K[i] = (K[i] * q * SQRT_2PI) / divisors[i]
  q = Math.exp(-pi2 / 2 / z2)
  const sqrt3z = Math.sqrt(3) * z
  let k2extra = 0
  let k3extra = 0
  for (let k = maxk; k > 0; k--) {
    const k2 = k * k
    const qp = Math.pow(q, k2)
    const kpi = Math.PI * k
    k2extra += k2 * qp
    k3extra += (sqrt3z + kpi) * (sqrt3z - kpi) * k2 * qp
  }
  K[2] += (k2extra * pi2 * SQRT_2PI) / (-36 * z3)
  K[3] += (k3extra * pi2 * SQRT_2PI) / (216 * z6)
  let sum = 0
  for (let i = 0; i < 4; i++) sum += K[i] / Math.pow(n, i / 2)
  return sum
}

/**
 * P[D_n >= x] for the two-sided one-sample KS statistic with n observations (SciPy `kstwo.sf`);
 * used by the two-sample test beyond 10 000 observations per side, with n = round(n1 n2 / (n1 + n2)).
 */
export function kolmogorovSmirnovSurvival(n: number, x: number): number {
  if (Number.isNaN(x) || !Number.isInteger(n) || n <= 0) return Number.NaN
  if (x >= 1) return 0
  if (x <= 0) return 1
  const t = n * x
  if (t <= 1) {
    if (t <= 0.5) return 1
    let prob: number
    if (n <= 140) {
      prob = 1
      for (let i = 1; i <= n; i++) prob *= i * (1 / n) * (2 * t - 1)
    } else {
      prob = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1))
    }
    return clipProbability(1 - prob)
  }
  if (t >= n - 1) return clipProbability(2 * Math.pow(1 - x, n))
  if (x >= 0.5) return clipProbability(2 * smirnovSurvival(n, x))
  const nxSquared = t * x
  if (n <= 140) {
    if (nxSquared <= 0.754693) return clipProbability(1 - durbinMatrixCdf(n, x))
    if (nxSquared <= 4) return clipProbability(1 - pomeranzCdf(n, x))
    return clipProbability(2 * smirnovSurvival(n, x))
  }
  if (nxSquared >= 370) return 0
  if (nxSquared >= 2.2) return clipProbability(2 * smirnovSurvival(n, x))
  const cdf = n <= 100000 && n * Math.pow(x, 1.5) <= 1.4 ? durbinMatrixCdf(n, x) : pelzGoodCdf(n, x)
  return clipProbability(1 - cdf)
}
