import {
  erfc,
  logAddExp,
  logBinomialPmf,
  logChoose,
  logFactorial,
  logGamma,
  logHypergeometricPmf,
  logSumExp,
  normalSurvival,
  regularizedGammaP,
  regularizedGammaQ,
  stirlingError
} from '../../src/stats/special.js'
import * as stats from '../../src/stats/index.js'
import { expectClose } from './helpers.js'

// Reference values: scipy 1.17.1 (scipy.special / scipy.stats) unless marked mpmath (50 digits).
describe('logGamma, logFactorial, logChoose', () => {
  const cases: [number, number][] = [
    [0.5, 0.5723649429247],
    [3.7, 1.428072326665388],
    [10, 12.801827480081469],
    [15, 25.191221182738683],
    [100.25, 360.28455963776423],
    [1e6, 12815504.569147611]
  ]
  it.each(cases)('logGamma(%d) = gammaln', (x, expected) => {
    expectClose(logGamma(x), expected, 1e-13)
  })

  it('is exactly 0 at 1 and 2 and NaN outside x > 0', () => {
    expect(logGamma(1)).toBe(0)
    expect(logGamma(2)).toBe(0)
    expect(logGamma(0)).toBeNaN()
    expect(logGamma(-1.5)).toBeNaN()
  })

  it('gives log-factorials and log-binomials', () => {
    expectClose(logFactorial(10), Math.log(3628800), 1e-14)
    expect(logFactorial(0)).toBe(0)
    expect(logFactorial(2.5)).toBeNaN()
    expectClose(logChoose(10, 3), 4.787491742782047, 1e-13)
    expectClose(logChoose(52, 5), 14.770621922970378, 1e-13)
    expectClose(logChoose(1000, 500), 689.4672615678519, 1e-13)
    expectClose(logChoose(100000, 3), 32.74698692536913, 1e-12)
    expect(logChoose(5, 6)).toBe(-Infinity)
    expect(logChoose(5, 0)).toBe(0)
  })
})

describe('Loader pmf terms', () => {
  it('stirlingError matches its definition', () => {
    expectClose(stirlingError(1), 1 - 0.5 * Math.log(2 * Math.PI), 1e-14)
    expectClose(
      stirlingError(100),
      logGamma(101) - 100.5 * Math.log(100) + 100 - 0.5 * Math.log(2 * Math.PI),
      1e-9
    )
  })

  it('logBinomialPmf is accurate where lgamma differences are not (mpmath)', () => {
    expectClose(logBinomialPmf(3, 10, 0.1), -2.857787145804875, 1e-13)
    // scipy's binom.logpmf gives -2.76374113025 here (lgamma cancellation); mpmath agrees with us.
    expectClose(logBinomialPmf(6, 10_000_000, 1e-6), -2.763741154046435, 1e-13)
    expectClose(logBinomialPmf(4_999_334, 10_000_000, 0.5), -8.37355039451509, 1e-13)
    expect(logBinomialPmf(0, 0, 0.3)).toBe(0)
    expect(logBinomialPmf(11, 10, 0.3)).toBe(-Infinity)
  })

  it('logHypergeometricPmf (mpmath)', () => {
    expectClose(logHypergeometricPmf(5, 20, 7, 12), -1.2515253445750181, 1e-13)
    expectClose(logHypergeometricPmf(500, 100530, 520, 510), -3017.012465785152, 1e-13)
    expectClose(logHypergeometricPmf(3, 200000, 1000, 2000), -4.918844780951697, 1e-12)
    expect(logHypergeometricPmf(8, 20, 7, 12)).toBe(-Infinity)
  })
})

describe('regularized incomplete gamma', () => {
  const cases: [number, number, number, number][] = [
    [0.5, 0.1, 0.34527915398142317, 0.6547208460185768],
    [3, 2, 0.32332358381693654, 0.6766764161830634],
    [2.5, 10, 0.9987502694369687, 0.0012497305630313773],
    [100, 90, 0.15822098918643007, 0.84177901081357],
    [100, 130, 0.9972495916326934, 0.002750408367306518],
    [1000, 1500, 1.0, 2.204698611389594e-43],
    [1e5, 1e5, 0.5004205221103651, 0.4995794778896348]
  ]
  it.each(cases)('P and Q at a = %d, x = %d', (a, x, p, q) => {
    expectClose(regularizedGammaP(a, x), p, 1e-12)
    expectClose(regularizedGammaQ(a, x), q, 1e-12)
  })

  it('handles the ends of the domain', () => {
    expect(regularizedGammaQ(2, 0)).toBe(1)
    expect(regularizedGammaP(2, Infinity)).toBe(1)
    expect(regularizedGammaQ(0, 1)).toBeNaN()
    expect(regularizedGammaP(1, -1)).toBeNaN()
  })
})

describe('normal tail and erfc', () => {
  const sf: [number, number][] = [
    [0, 0.5],
    [1.959963984540054, 0.025],
    [-3, 0.9986501019683699],
    [5, 2.866515718791933e-7],
    [10, 7.61985302416047e-24],
    [30, 4.906713927147908e-198],
    [37.5, 4.605353009581954e-308]
  ]
  it.each(sf)('normalSurvival(%d) = norm.sf', (z, expected) => {
    expectClose(normalSurvival(z), expected, 1e-12)
  })

  const erfcCases: [number, number][] = [
    [-1, 1.8427007929497148],
    [0, 1],
    [0.5, 0.4795001221869535],
    [3, 2.2090496998585445e-5],
    [10, 2.0884875837625446e-45],
    [26, 5.663192408856145e-296]
  ]
  it.each(erfcCases)('erfc(%d)', (x, expected) => {
    expectClose(erfc(x), expected, 1e-12)
  })
})

describe('log-sum-exp', () => {
  it('adds in log space without overflow or underflow', () => {
    expectClose(logAddExp(Math.log(2), Math.log(3)), Math.log(5), 1e-15)
    expectClose(logAddExp(-1000, -1000), -1000 + Math.LN2, 1e-15)
    expect(logAddExp(-Infinity, 7)).toBe(7)
    expectClose(logSumExp([1000, 1000, 1000]), 1000 + Math.log(3), 1e-15)
    expect(logSumExp([])).toBe(-Infinity)
    expect(logSumExp([-Infinity, -Infinity])).toBe(-Infinity)
  })
})

describe('index', () => {
  it('re-exports the public functions', () => {
    for (const name of [
      'ksTwoSample',
      'chiSquareContingency',
      'chiSquareSurvival',
      'populationStabilityIndex',
      'jensenShannonDistance',
      'wassersteinDistance',
      'normalizedWasserstein',
      'lInfinityDistance',
      'fisherExact',
      'hypergeometricSurvival',
      'binomialUpperTail',
      'poissonUpperTail',
      'benjaminiHochberg',
      'logOddsWithPrior',
      'normalSurvival',
      'logGamma'
    ]) {
      expect(typeof (stats as Record<string, unknown>)[name]).toBe('function')
    }
  })
})
