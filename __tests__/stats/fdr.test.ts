import { benjaminiHochberg } from '../../src/stats/fdr.js'
import { expectClose } from './helpers.js'

// Reference values: scipy 1.17.1 scipy.stats.false_discovery_control(ps, method='bh').
describe('benjaminiHochberg', () => {
  const cases: [number[], number[]][] = [
    [
      [
        0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262,
        0.5719, 0.6528, 0.759, 1.0
      ],
      [
        0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.06385714285714286, 0.06385714285714286, 0.0645,
        0.07650000000000001, 0.486, 0.5811818181818181, 0.7148749999999999, 0.7532307692307693,
        0.8132142857142857, 1.0
      ]
    ],
    [
      [0.5, 0.01, 0.01, 0.04, 0.9],
      [0.625, 0.025, 0.025, 0.06666666666666667, 0.9]
    ],
    [
      [1e-300, 0.2, 1e-10, 0.03],
      [4e-300, 0.2, 2e-10, 0.039999999999999994]
    ]
  ]
  it.each(cases)('%j', (ps, expected) => {
    const q = benjaminiHochberg(ps)
    expect(q).toHaveLength(expected.length)
    q.forEach((value, i) => expectClose(value, expected[i], 1e-14))
  })

  it('passes through zero or one p-value and never exceeds 1', () => {
    expect(benjaminiHochberg([])).toEqual([])
    expect(benjaminiHochberg([0.3])).toEqual([0.3])
    expect(benjaminiHochberg([0.9, 0.95, 1])).toEqual([1, 1, 1])
  })

  it('does not mutate its input', () => {
    const ps = [0.04, 0.01, 0.03]
    benjaminiHochberg(ps)
    expect(ps).toEqual([0.04, 0.01, 0.03])
  })

  it('rejects values outside [0, 1], as SciPy does', () => {
    expect(() => benjaminiHochberg([0.1, 1.5])).toThrow(RangeError)
    expect(() => benjaminiHochberg([0.1, NaN])).toThrow(RangeError)
  })
})
