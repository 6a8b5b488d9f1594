import {
  jensenShannonDistance,
  lInfinityDistance,
  normalizedWasserstein,
  populationStabilityIndex,
  wassersteinDistance
} from '../../src/stats/distances.js'
import { expectClose, uniforms } from './helpers.js'

describe('populationStabilityIndex', () => {
  // Reference: numpy, Σ (a - e) ln(a / e) on proportions with zeros replaced by 1e-4.
  it('is 0 for identical distributions, whatever the totals', () => {
    expect(populationStabilityIndex([10, 20, 30, 40], [10, 20, 30, 40])).toBe(0)
    expectClose(populationStabilityIndex([1, 2, 3, 4], [10, 20, 30, 40]), 0, 1e-12)
  })

  it('matches the textbook formula', () => {
    expectClose(
      populationStabilityIndex([25, 25, 25, 25], [10, 20, 30, 40]),
      0.22821740957339182,
      1e-12
    )
  })

  it('replaces empty categories by epsilon', () => {
    expectClose(populationStabilityIndex([100, 0, 50], [80, 20, 50]), 0.9884245766312736, 1e-12)
    expectClose(populationStabilityIndex([1, 1], [1, 0]), 4.60431846666895, 1e-12)
    expect(populationStabilityIndex([1, 1], [1, 0], 1e-2)).toBeLessThan(4.60431846666895)
  })

  it('rejects mismatched or empty distributions', () => {
    expect(() => populationStabilityIndex([1, 2], [1, 2, 3])).toThrow(RangeError)
    expect(() => populationStabilityIndex([0, 0], [1, 2])).toThrow(RangeError)
    expect(() => populationStabilityIndex([1, -1], [1, 2])).toThrow(RangeError)
  })
})

describe('jensenShannonDistance', () => {
  // Reference: scipy 1.17.1 scipy.spatial.distance.jensenshannon(p, q, base).
  const cases: [number[], number[], number, number][] = [
    [[1, 0, 0], [0, 1, 0], 2, 1.0],
    [[10, 20, 30], [30, 20, 10], 2, 0.35470351519813204],
    [[10, 20, 30], [30, 20, 10], Math.E, 0.29531004717204934],
    [[0.5, 0.5, 0], [0.1, 0.2, 0.7], 10, 0.3890865048781642],
    [[5, 0, 3, 2], [1, 4, 0, 5], 2, 0.7091551836567035]
  ]
  it.each(cases)('%j vs %j base %d', (p, q, base, expected) => {
    expectClose(jensenShannonDistance(p, q, base), expected, 1e-12)
  })

  it('defaults to base 2 and is 0 for identical inputs', () => {
    expectClose(jensenShannonDistance([10, 20, 30], [30, 20, 10]), 0.35470351519813204, 1e-12)
    expect(jensenShannonDistance([1, 1, 1], [1, 1, 1])).toBe(0)
    expect(jensenShannonDistance([1, 2, 7], [10, 20, 70])).toBe(0)
  })

  it('rejects invalid input', () => {
    expect(() => jensenShannonDistance([1], [1, 2])).toThrow(RangeError)
    expect(() => jensenShannonDistance([0, 0], [1, 2])).toThrow(RangeError)
  })
})

describe('wassersteinDistance and normalizedWasserstein', () => {
  // Reference: scipy 1.17.1 scipy.stats.wasserstein_distance(u, v); normalised by
  // max(numpy.std(u), 0.001) as Evidently does.
  const cases: [number[], number[], number, number][] = [
    [[0, 1, 3], [5, 6, 8], 5.0, 4.0089186286863665],
    [[3.4, 3.9, 7.5, 7.8], [4.5, 1.4], 2.7, 1.3428847745153834],
    [[1, 1, 1, 2, 2, 3], [1, 2, 2, 2, 3, 3, 3, 3], 0.7083333333333334, 0.9503288904374106],
    [[0], [1e9], 1e9, 1e12],
    [[1.5], [1.5, 2.5, -1], 1.1666666666666665, 1166.6666666666665]
  ]
  it.each(cases)('%j vs %j', (u, v, distance, normalized) => {
    expectClose(wassersteinDistance(u, v), distance, 1e-12)
    expectClose(normalizedWasserstein(u, v), normalized, 1e-12)
  })

  it('is 0 for identical samples and symmetric', () => {
    expect(wassersteinDistance([0, 10], [10, 0])).toBe(0)
    const u = uniforms(1, 1000)
    const v = uniforms(2, 700, 0.1)
    expect(wassersteinDistance(u, v)).toBe(wassersteinDistance(v, u))
  })

  it('equals the mean shift for a shifted copy', () => {
    const u = uniforms(3, 5000)
    expectClose(
      wassersteinDistance(
        u,
        u.map((x) => x + 3)
      ),
      3,
      1e-9
    )
  })

  it('floors the standard deviation of a constant base at 0.001', () => {
    expectClose(normalizedWasserstein([2, 2, 2], [2, 2, 3]), 1 / 3 / 0.001, 1e-12)
  })

  it('throws on an empty sample (SciPy raises) and propagates NaN', () => {
    expect(() => wassersteinDistance([], [1])).toThrow(RangeError)
    expect(() => normalizedWasserstein([1], [])).toThrow(RangeError)
    expect(wassersteinDistance([1, NaN], [1])).toBeNaN()
  })
})

describe('lInfinityDistance', () => {
  it('returns the largest share change and the category that moved', () => {
    const r = lInfinityDistance([90, 10, 0], [60, 31, 9])
    expectClose(r.distance, 0.3, 1e-12)
    expect(r.index).toBe(0)
    expect(lInfinityDistance([1, 1], [1, 3])).toEqual({ distance: 0.25, index: 0 })
  })

  it('normalises counts before comparing', () => {
    expect(lInfinityDistance([1, 2, 3], [10, 20, 30])).toEqual({ distance: 0, index: 0 })
  })

  it('handles a new category and degenerate input', () => {
    expect(lInfinityDistance([10, 0], [5, 5])).toEqual({ distance: 0.5, index: 0 })
    expect(lInfinityDistance([], [])).toEqual({ distance: 0, index: -1 })
    expect(() => lInfinityDistance([1, 2], [1])).toThrow(RangeError)
    expect(() => lInfinityDistance([0, 0], [1, 1])).toThrow(RangeError)
  })
})
