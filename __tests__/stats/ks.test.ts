import { ksTwoSample } from '../../src/stats/ks.js'
import { kolmogorovSmirnovSurvival, smirnovSurvival } from '../../src/stats/kolmogorov.js'
import { expectClose, smallIntegers, uniforms } from './helpers.js'

// Reference values: scipy 1.17.1, scipy.stats.ks_2samp(a, b) (method='auto'), same samples.
describe('ksTwoSample, exact path (both samples <= 10 000)', () => {
  it('handles ties within and across samples', () => {
    const r = ksTwoSample([1, 2, 2, 3, 3, 3, 4, 5], [2, 3, 4, 4, 5, 5, 6, 7, 8])
    expectClose(r.statistic, 0.5277777777777778, 1e-15)
    expectClose(r.pValue, 0.14232825997531878)
  })

  it('gives the smallest exact p-value for fully separated samples', () => {
    const r = ksTwoSample([1, 2, 3, 4], [5, 6, 7, 8])
    expect(r.statistic).toBe(1)
    expectClose(r.pValue, 0.028571428571428577)
  })

  it('uses the reflection formula for equal sizes', () => {
    const r = ksTwoSample(
      [0.1, 0.4, 0.5, 0.9, 1.3, 1.7, 2.2, 2.8, 3.1, 3.3],
      [0.35, 0.6, 1.0, 1.1, 1.9, 2.5, 2.9, 3.5, 3.9, 4.4]
    )
    expectClose(r.statistic, 0.3, 1e-15)
    expectClose(r.pValue, 0.7869297884777761)
  })

  it('falls back to kstwo like SciPy when the exact value rounds above 1, rounding n half to even', () => {
    // Exact gives 1.0000000000000002 for n = 7, h = 1; SciPy then uses kstwo.sf(1/7, round(3.5) = 4).
    const r = ksTwoSample([1, 2, 3, 4, 5, 6, 7], [1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5])
    expectClose(r.statistic, 0.14285714285714285, 1e-15)
    expectClose(r.pValue, 0.9999609537692629)
  })

  it('matches 100 vs 137 continuous values', () => {
    const r = ksTwoSample(uniforms(1, 100), uniforms(2, 137, 0.25))
    expectClose(r.statistic, 0.2762043795620438, 1e-15)
    expectClose(r.pValue, 0.0002137434145286658)
  })

  it('matches heavily tied integer samples', () => {
    const r = ksTwoSample(smallIntegers(3, 300, 5), smallIntegers(4, 450, 6))
    expectClose(r.statistic, 0.1622222222222222, 1e-15)
    expectClose(r.pValue, 0.00013823870156419435)
  })

  it('matches the largest exact case, 10 000 vs 9 999', () => {
    const r = ksTwoSample(uniforms(5, 10000), uniforms(6, 9999, 0.03))
    expectClose(r.statistic, 0.04156149614961496, 1e-15)
    expectClose(r.pValue, 5.887224761434926e-8)
  })
})

describe('ksTwoSample, asymptotic path (kstwo with n = round(n1 n2 / (n1 + n2)))', () => {
  it('matches a small second sample (Durbin / Pomeranz region)', () => {
    const r = ksTwoSample(uniforms(7, 10001), uniforms(8, 40, 0.2))
    expectClose(r.statistic, 0.25426957304269576, 1e-15)
    expectClose(r.pValue, 0.009106610728623954)
  })

  it('matches a three-value second sample', () => {
    const r = ksTwoSample(uniforms(7, 10001), uniforms(8, 3, 0.5))
    expectClose(r.statistic, 0.6666666666666667, 1e-15)
    expectClose(r.pValue, 0.07407407407407403)
  })

  it('matches 20 000 vs 15 000', () => {
    const r = ksTwoSample(uniforms(9, 20000), uniforms(10, 15000, 0.02))
    expectClose(r.statistic, 0.028366666666666762, 1e-15)
    expectClose(r.pValue, 2.0017407442370424e-6)
  })

  it('matches tied samples beyond the exact limit', () => {
    const r = ksTwoSample(smallIntegers(11, 30000, 4), smallIntegers(12, 25000, 4))
    expectClose(r.statistic, 0.0043000000000000815, 1e-15)
    expectClose(r.pValue, 0.9616339226477362)
  })

  it('rounds n1 n2 / (n1 + n2) = 10000.5 half to even, as NumPy does', () => {
    const r = ksTwoSample(uniforms(15, 20001), uniforms(16, 20001, 0.01))
    expectClose(r.statistic, 0.01989900504974751, 1e-15)
    expectClose(r.pValue, 0.0007172763488009809) // 0.00071670848 with n = 10001
  })

  it('is fast and exact for 200 000 + 200 000 values, including a 1e-232 p-value', () => {
    const base = uniforms(13, 200000)
    const start = Date.now()
    const near = ksTwoSample(base, uniforms(14, 200000, 0.005))
    const far = ksTwoSample(base, uniforms(14, 200000, 0.05))
    expect(Date.now() - start).toBeLessThan(2000)
    expectClose(near.statistic, 0.006169999999999995, 1e-15)
    expectClose(near.pValue, 0.0009831059214006582)
    expectClose(far.statistic, 0.05167999999999999, 1e-15)
    expectClose(far.pValue, 1.4588187802725007e-232)
  })
})

describe('ksTwoSample options and edge cases', () => {
  it("method 'asymp' skips the exact computation", () => {
    const r = ksTwoSample(uniforms(1, 100), uniforms(2, 137, 0.25), { method: 'asymp' })
    expectClose(r.pValue, 0.00021058997151618067)
  })

  it("method 'exact' goes exact beyond 10 000 values", () => {
    const r = ksTwoSample(uniforms(17, 12000), uniforms(18, 12000, 0.02), { method: 'exact' })
    expectClose(r.statistic, 0.02825, 1e-15)
    expectClose(r.pValue, 0.00013852249118607939)
  })

  it('gives D = 0 and p = 1 for identical samples', () => {
    const a = uniforms(19, 500)
    expect(ksTwoSample(a, [...a].reverse())).toEqual({ statistic: 0, pValue: 1 })
    expect(ksTwoSample([3], [3])).toEqual({ statistic: 0, pValue: 1 })
  })

  it('returns NaN for an empty sample or a NaN value, like SciPy 1.17', () => {
    expect(ksTwoSample([], [1, 2])).toEqual({ statistic: NaN, pValue: NaN })
    expect(ksTwoSample([1, 2], [])).toEqual({ statistic: NaN, pValue: NaN })
    expect(ksTwoSample([1, NaN], [1, 2])).toEqual({ statistic: NaN, pValue: NaN })
  })

  it('is symmetric and does not mutate its inputs', () => {
    const a = [5, 1, 4, 2, 8]
    const b = [3, 9, 7]
    const ab = ksTwoSample(a, b)
    expect(ksTwoSample(b, a)).toEqual(ab)
    expect(a).toEqual([5, 1, 4, 2, 8])
    expect(b).toEqual([3, 9, 7])
  })
})

describe('kolmogorovSmirnovSurvival (scipy.stats.kstwo.sf(x, n)), one case per branch', () => {
  const cases: [number, number, number][] = [
    [1, 0.7, 0.6000000000000001],
    [5, 0.15, 0.9988],
    [5, 0.3, 0.664],
    [10, 0.05, 1.0],
    [10, 0.2, 0.7487190399999999],
    [10, 0.35, 0.1339605462624991],
    [10, 0.6, 0.0005681672000000003],
    [10, 0.95, 1.9531250000000172e-13],
    [100, 0.05, 0.9532159710635725],
    [100, 0.12, 0.1033037490181987],
    [100, 0.3, 1.7719869892662917e-8],
    [140, 0.1, 0.11353657290090946],
    [1000, 0.02, 0.8108971656895577],
    [1000, 0.06, 0.001428597887952891],
    [1000, 0.2, 1.5528629204250538e-35],
    [100000, 0.003, 0.3284563327726956],
    [100000, 0.006, 0.0014871489301131564],
    [100000, 0.08, 0.0],
    [2000000, 0.0009, 0.07827609630153531],
    [2000000, 0.002, 2.247704493692889e-7]
  ]
  it.each(cases)('n = %d, x = %d', (n, x, expected) => {
    expectClose(kolmogorovSmirnovSurvival(n, x), expected, 1e-9)
  })

  it('handles the support ends', () => {
    expect(kolmogorovSmirnovSurvival(10, 0)).toBe(1)
    expect(kolmogorovSmirnovSurvival(10, 1)).toBe(0)
    expect(kolmogorovSmirnovSurvival(0, 0.5)).toBeNaN()
  })
})

describe('smirnovSurvival (scipy.special.smirnov(n, x))', () => {
  const cases: [number, number, number][] = [
    [1, 0.3, 0.7],
    [7, 0.1, 0.8228439],
    [10, 0.5, 0.003888705],
    [50, 0.2, 0.01571942744940561],
    [1000, 0.05, 0.006506037390545166],
    [100000, 0.005, 0.006715412488899804],
    [2000000, 0.001, 0.018303432023617325] // n > 1e6: SciPy's approximation, ported as is
  ]
  it.each(cases)('n = %d, x = %d', (n, x, expected) => {
    expectClose(smirnovSurvival(n, x), expected, 1e-9)
  })
})
