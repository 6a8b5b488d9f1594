import { logOddsWithPrior } from '../../src/stats/logodds.js'
import { expectClose } from './helpers.js'

// Worked by hand from Monroe, Colaresi & Quinn (2008), eq. 16 and 18-20:
// delta = ln((yA + a) / (nA + a0 - yA - a)) - ln((yB + a) / (nB + a0 - yB - a)),
// variance = 1 / (yA + a) + 1 / (yB + a), z = delta / sqrt(variance).
describe('logOddsWithPrior', () => {
  it('yA = 30 of 1000, yB = 5 of 2000, prior 2 of 100', () => {
    // (32 / 1068) / (7 / 2093) = 66976 / 7476 = 8.9588...; variance 1/32 + 1/7.
    const r = logOddsWithPrior(30, 1000, 5, 2000, 2, 100)
    expectClose(r.delta, Math.log(66976 / 7476), 1e-14)
    expectClose(r.delta, 2.1926364566702734, 1e-12)
    expectClose(r.variance, 1 / 32 + 1 / 7, 1e-15)
    expectClose(r.z, 5.254825956206362, 1e-12)
  })

  it('is negative when the token is rarer in A', () => {
    // (5.5 / 144.5) / (50.5 / 99.5) = 547.25 / 7297.25; variance 1/5.5 + 1/50.5.
    const r = logOddsWithPrior(5, 100, 50, 100, 0.5, 50)
    expectClose(r.delta, Math.log(547.25 / 7297.25), 1e-14)
    expectClose(r.variance, 1 / 5.5 + 1 / 50.5, 1e-15)
    expectClose(r.z, -5.768873075679634, 1e-12)
  })

  it('shrinks towards 0 as the prior grows', () => {
    // (200 / 59800) / (120 / 61880) = 12376000 / 7176000; variance 1/200 + 1/120.
    const r = logOddsWithPrior(120, 10000, 40, 12000, 80, 50000)
    expectClose(r.delta, Math.log(12376000 / 7176000), 1e-14)
    expectClose(r.z, 4.719985575474494, 1e-12)
    const weak = logOddsWithPrior(120, 10000, 40, 12000, 0.01, 6.25)
    expect(weak.delta).toBeGreaterThan(r.delta)
  })

  it('is 0 when the token is absent from both corpora of equal size', () => {
    expect(logOddsWithPrior(0, 500, 0, 500, 1, 10)).toEqual({ delta: 0, variance: 2, z: 0 })
  })

  it('rejects input that makes a log undefined', () => {
    expect(() => logOddsWithPrior(1, 10, 1, 10, 0, 10)).toThrow(RangeError)
    expect(() => logOddsWithPrior(-1, 10, 1, 10, 1, 10)).toThrow(RangeError)
    expect(() => logOddsWithPrior(10, 10, 1, 10, 1, 1)).toThrow(RangeError)
  })
})
