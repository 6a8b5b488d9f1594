import { fisherExact, hypergeometricSurvival } from '../../src/stats/fisher.js'
import { expectClose } from './helpers.js'

// Reference values: scipy 1.17.1 scipy.stats.fisher_exact([[a, b], [c, d]], alternative) and
// scipy.stats.hypergeom.sf(k - 1, M, n, N).
type Row = [[number, number, number, number], number, number, number, number]
const tables: Row[] = [
  // [a, b, c, d], odds ratio, two-sided, greater, less
  [[8, 2, 1, 5], 20, 0.034965034965034975, 0.024475524475524483, 0.9991258741258742],
  // The two-sided sum must count the mirror table [[1, 3], [3, 1]], whose probability is equal.
  [[3, 1, 1, 3], 9, 0.48571428571428565, 0.24285714285714283, 0.9857142857142858],
  [[2, 7, 8, 2], 0.07142857142857142, 0.02301413756522116, 0.9990149169715733, 0.01852172595206651],
  [[0, 5, 5, 0], 0, 0.007936507936507938, 1, 0.003968253968253969],
  [[1, 0, 0, 1], Infinity, 1, 0.5, 1],
  [[10, 10, 10, 10], 1, 1, 0.6238144327180455, 0.6238144327180455],
  [
    [12782, 88422, 3469, 38229],
    1.5930416013425595,
    6.937905786413453e-127,
    3.6698110858654292e-127,
    1
  ],
  [[3, 744, 459, 923], 0.008108440508820015, 7.147439337488615e-95, 1, 5.671452433319201e-95],
  [[20, 180, 25, 400000], 1777.7777777777778, 1.1077170623011885e-54, 1.1077170623011882e-54, 1],
  [[5, 0, 0, 200000], Infinity, 3.7497187632907336e-25, 3.749718763290733e-25, 1]
]

describe('fisherExact', () => {
  it.each(tables)('%j', ([a, b, c, d], oddsRatio, twoSided, greater, less) => {
    expectClose(fisherExact(a, b, c, d).oddsRatio, oddsRatio, 1e-15)
    expectClose(fisherExact(a, b, c, d).pValue, twoSided, 1e-9)
    expectClose(fisherExact(a, b, c, d, 'two-sided').pValue, twoSided, 1e-9)
    expectClose(fisherExact(a, b, c, d, 'greater').pValue, greater, 1e-9)
    expectClose(fisherExact(a, b, c, d, 'less').pValue, less, 1e-9)
  })

  it('underflows to 0 where SciPy does, for [[500, 10], [20, 100000]]', () => {
    expect(fisherExact(500, 10, 20, 100000)).toEqual({ oddsRatio: 250000, pValue: 0 })
    expect(fisherExact(500, 10, 20, 100000, 'greater').pValue).toBe(0)
    expect(fisherExact(500, 10, 20, 100000, 'less').pValue).toBe(1)
  })

  it('returns NaN odds and p = 1 for an empty row or column, like SciPy', () => {
    expect(fisherExact(0, 0, 1, 2)).toEqual({ oddsRatio: NaN, pValue: 1 })
    expect(fisherExact(2, 0, 1, 0, 'greater')).toEqual({ oddsRatio: NaN, pValue: 1 })
  })

  it('rejects negative or fractional counts', () => {
    expect(() => fisherExact(-1, 2, 3, 4)).toThrow(RangeError)
    expect(() => fisherExact(1.5, 2, 3, 4)).toThrow(RangeError)
  })
})

describe('hypergeometricSurvival', () => {
  const cases: [number, number, number, number, number][] = [
    [3, 20, 7, 12, 0.9478844169246646],
    [8, 20, 7, 12, 0],
    [0, 20, 7, 12, 1],
    [500, 100530, 520, 510, 0],
    [40, 200000, 1000, 2000, 3.7468926475972533e-13],
    [2, 200000, 1000, 20, 0.004469965203362477]
  ]
  it.each(cases)('P[X >= %d] for M = %d, n = %d, N = %d', (k, M, n, N, expected) => {
    expectClose(hypergeometricSurvival(k, M, n, N), expected, 1e-9)
  })

  it('returns NaN for impossible parameters', () => {
    expect(hypergeometricSurvival(1, 10, 11, 2)).toBeNaN()
    expect(hypergeometricSurvival(1, 10, 2, 2.5)).toBeNaN()
  })
})
