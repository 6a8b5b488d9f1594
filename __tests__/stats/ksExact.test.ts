import { probabilityOutsideBand, probabilityOutsideSquare } from '../../src/stats/ksExact.js'
import { expectClose } from './helpers.js'

// Reference values: scipy 1.17.1 private helpers _compute_prob_outside_square and
// _compute_outer_prob_inside_method(m, n, g, h).
describe('probabilityOutsideSquare', () => {
  it('matches SciPy for equal sample sizes', () => {
    expectClose(probabilityOutsideSquare(10, 3), 0.7869297884777761, 1e-12)
    expectClose(probabilityOutsideSquare(100, 20), 0.03638428787491733, 1e-12)
  })

  it('reproduces the rounding above 1 that makes SciPy fall back to the asymptotic path', () => {
    expect(probabilityOutsideSquare(5, 1)).toBe(1.0000000000000002)
  })
})

describe('probabilityOutsideBand', () => {
  it('matches SciPy for unequal sample sizes in either order', () => {
    expectClose(probabilityOutsideBand(3, 5, 1, 7), 0.6785714285714286, 1e-12)
    expectClose(probabilityOutsideBand(5, 3, 1, 7), 0.6785714285714286, 1e-12)
    expectClose(probabilityOutsideBand(100, 137, 1, 3784), 0.0002137434145286658, 1e-12)
    expectClose(probabilityOutsideBand(6, 4, 2, 5), 0.6952380952380952, 1e-12)
    expectClose(probabilityOutsideBand(10, 1, 1, 10), 0.18181818181818182, 1e-12)
  })
})
