import { binomialUpperTail, poissonUpperTail } from '../../src/stats/binomial.js'
import { expectClose } from './helpers.js'

// Reference values: scipy 1.17.1 scipy.stats.binom.sf(k - 1, n, p) and poisson.sf(k - 1, mu),
// except where marked mpmath.
describe('binomialUpperTail', () => {
  const cases: [number, number, number, number][] = [
    [3, 10, 0.1, 0.0701908264],
    [0, 10, 0.1, 1],
    [11, 10, 0.1, 0],
    [50, 100, 0.5, 0.5397946186935889],
    [60, 100, 0.5, 0.028443966820490444],
    [90, 100, 0.5, 1.5316450877189923e-17],
    [40, 1000, 0.01, 4.688553566249777e-13],
    [900, 1000, 0.5, 6.701717790006182e-162],
    [1000, 1000, 0.5, 9.332636185032189e-302],
    [20, 1000000, 1e-6, 1.5872554442153314e-19],
    [5200, 100000, 0.05, 0.001995480069652547],
    // mpmath; scipy's binom.sf gives 0.66718033076 (2.6e-9 relative error)
    [9, 100_000_000, 1e-7, 0.667180332509185]
  ]
  it.each(cases)('P[X >= %d] for n = %d, p = %d', (k, n, p, expected) => {
    expectClose(binomialUpperTail(k, n, p), expected, 1e-10)
  })

  it('handles p = 0, p = 1 and invalid parameters', () => {
    expect(binomialUpperTail(1, 10, 0)).toBe(0)
    expect(binomialUpperTail(10, 10, 1)).toBe(1)
    expect(binomialUpperTail(0, 0, 0.5)).toBe(1)
    expect(binomialUpperTail(1, 10, 1.5)).toBeNaN()
    expect(binomialUpperTail(1, -1, 0.5)).toBeNaN()
    expect(binomialUpperTail(1, 2.5, 0.5)).toBeNaN()
  })

  it('treats a fractional k as its ceiling', () => {
    expect(binomialUpperTail(2.2, 10, 0.3)).toBe(binomialUpperTail(3, 10, 0.3))
  })
})

describe('poissonUpperTail', () => {
  const cases: [number, number, number][] = [
    [0, 2.5, 1],
    [1, 2.5, 0.9179150013761012],
    [5, 2.5, 0.10882198108584877],
    [30, 2.5, 2.9188886929922186e-22],
    [150, 100, 1.8842104660386844e-6],
    [10000, 10000, 0.5013298083399552],
    // mpmath (direct sum at 40 digits); scipy's poisson.sf gives 6.4861e-8, 2.7% low
    [10016684, 1e7, 6.660548510977066e-8]
  ]
  it.each(cases)('P[X >= %d] for mu = %d', (k, mu, expected) => {
    expectClose(poissonUpperTail(k, mu), expected, 1e-10)
  })

  it('underflows only far beyond double range and handles mu = 0', () => {
    expect(poissonUpperTail(1000, 100)).toBe(0) // about 1e-470
    expect(poissonUpperTail(1, 0)).toBe(0)
    expect(poissonUpperTail(0, 0)).toBe(1)
    expect(poissonUpperTail(1, -1)).toBeNaN()
  })
})
