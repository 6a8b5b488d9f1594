import { chiSquareContingency, chiSquareSurvival } from '../../src/stats/chisquare.js'
import { expectClose } from './helpers.js'

// Reference values: scipy 1.17.1 scipy.stats.chi2_contingency(table, correction) on the table with
// all-zero rows and columns removed, and scipy.stats.chi2.sf(x, dof).
describe('chiSquareSurvival', () => {
  const cases: [number, number, number][] = [
    [3.841458820694124, 1, 0.04999999999999989],
    [10, 3, 0.01856613546304325],
    [0.5, 2, 0.7788007830714049],
    [100, 10, 5.4497019829205215e-17],
    [1000, 10, 1.870290720915977e-208],
    [5000, 4000, 1.6633156038804178e-25],
    [0.001, 1, 0.9747728793699604],
    [30, 1, 4.3204630578274955e-8]
  ]
  it.each(cases)('chi2.sf(%d, %d)', (x, dof, expected) => {
    expectClose(chiSquareSurvival(x, dof), expected, 1e-10)
  })

  it('is 1 at x <= 0 and NaN for dof <= 0', () => {
    expect(chiSquareSurvival(0, 3)).toBe(1)
    expect(chiSquareSurvival(-1, 3)).toBe(1)
    expect(chiSquareSurvival(1, 0)).toBeNaN()
  })
})

describe('chiSquareContingency', () => {
  const cases: [number[][], boolean, number, number, number][] = [
    [
      [
        [10, 20],
        [30, 40]
      ],
      true,
      0.4464285714285714,
      0.5040358664525046,
      1
    ],
    [
      [
        [10, 20],
        [30, 40]
      ],
      false,
      0.7936507936507936,
      0.37299848361348686,
      1
    ],
    [
      [
        [12, 3],
        [3, 12]
      ],
      true,
      8.533333333333333,
      0.0034870048921413857,
      1
    ],
    [
      [
        [12, 3],
        [3, 12]
      ],
      false,
      10.8,
      0.0010150009471130682,
      1
    ],
    // Yates never moves a cell past its expectation (|o - e| = 0.5 here), so the statistic is 0.
    [
      [
        [2, 3],
        [3, 2]
      ],
      true,
      0,
      1,
      1
    ],
    [
      [
        [2, 3],
        [3, 2]
      ],
      false,
      0.4,
      0.5270892568655381,
      1
    ],
    [
      [
        [100, 200, 50],
        [120, 180, 30]
      ],
      true,
      7.2888833654383856,
      0.02613599796045577,
      2
    ],
    [
      [
        [1000, 10],
        [1000, 200]
      ],
      true,
      154.91065430074258,
      1.4645985238960563e-35,
      1
    ],
    [
      [
        [1000, 10],
        [1000, 200]
      ],
      false,
      156.72835140656923,
      5.8682561148801584e-36,
      1
    ],
    [
      [
        [10000, 10000],
        [10000, 10600]
      ],
      true,
      8.552447042923472,
      0.003450580718262687,
      1
    ],
    [
      [
        [1, 0],
        [0, 1]
      ],
      false,
      2,
      0.15729920705028105,
      1
    ]
  ]
  it.each(cases)('%j correction=%s', (table, correction, statistic, pValue, dof) => {
    const r = chiSquareContingency(table, { correction })
    expectClose(r.statistic, statistic, 1e-12)
    expectClose(r.pValue, pValue, 1e-10)
    expect(r.dof).toBe(dof)
  })

  it('applies Yates by default for dof = 1 only', () => {
    expectClose(
      chiSquareContingency([
        [12, 3],
        [3, 12]
      ]).statistic,
      8.533333333333333,
      1e-12
    )
    const threeColumns = chiSquareContingency([
      [100, 200, 50],
      [120, 180, 30]
    ])
    expectClose(threeColumns.statistic, 7.2888833654383856, 1e-12)
  })

  it('drops all-zero columns (a label absent on both sides) instead of failing like SciPy', () => {
    // SciPy raises on [[5, 0, 3], [2, 0, 9]]; these are its values for [[5, 3], [2, 9]].
    const r = chiSquareContingency([
      [5, 0, 3],
      [2, 0, 9]
    ])
    expectClose(r.statistic, 2.2368438852813846, 1e-12)
    expectClose(r.pValue, 0.1347557852717817, 1e-10)
    expect(r.dof).toBe(1)
    const uncorrected = chiSquareContingency(
      [
        [5, 0, 3],
        [2, 0, 9]
      ],
      { correction: false }
    )
    expectClose(uncorrected.statistic, 3.9094967532467533, 1e-12)
    expectClose(uncorrected.pValue, 0.048013972894266205, 1e-10)
  })

  it('drops all-zero rows and reports expected counts in the input shape', () => {
    const r = chiSquareContingency([
      [0, 0, 0],
      [3, 4, 1],
      [5, 1, 0]
    ])
    expectClose(r.statistic, 3.0770833333333334, 1e-12)
    expectClose(r.pValue, 0.21469396861009785, 1e-10)
    expect(r.dof).toBe(2)
    expect(r.expected).toHaveLength(3)
    expect(r.expected[0]).toEqual([0, 0, 0])
    expectClose(r.expected[1][0], (8 * 8) / 14, 1e-15)
  })

  it('treats degenerate tables as no evidence', () => {
    expect(
      chiSquareContingency([
        [0, 0],
        [0, 0]
      ])
    ).toMatchObject({ statistic: 0, pValue: 1, dof: 0 })
    expect(chiSquareContingency([])).toMatchObject({ statistic: 0, pValue: 1, dof: 0 })
    expect(
      chiSquareContingency([
        [5, 7, 9],
        [0, 0, 0]
      ])
    ).toMatchObject({ statistic: 0, pValue: 1, dof: 0 })
    expect(chiSquareContingency([[3, 4, 5]])).toMatchObject({ statistic: 0, pValue: 1, dof: 0 })
  })

  it('gives p = 1 for a table with identical rows', () => {
    const r = chiSquareContingency([
      [10, 20, 30],
      [10, 20, 30]
    ])
    expect(r.statistic).toBe(0)
    expect(r.pValue).toBe(1)
  })

  it('rejects ragged tables and invalid counts', () => {
    expect(() => chiSquareContingency([[1, 2], [3]])).toThrow(RangeError)
    expect(() =>
      chiSquareContingency([
        [1, -2],
        [3, 4]
      ])
    ).toThrow(RangeError)
    expect(() =>
      chiSquareContingency([
        [1, NaN],
        [3, 4]
      ])
    ).toThrow(RangeError)
  })
})
