import { driftCategorical, driftNumeric } from '../../src/checks/drift.js'
import { analyse, seeded } from '../helpers/analysis.js'
import { runCheck } from '../helpers/checks.js'

function rows(
  count: number,
  price: (r: () => number) => number,
  region: (r: () => number) => string,
  seed: number
) {
  const random = seeded(seed)
  return Array.from({ length: count }, (_, i) => ({
    id: i,
    price: price(random),
    region: region(random),
    note: 'ok'
  }))
}

const regions = ['north', 'south', 'east', 'west']

describe('drift.numeric', () => {
  it('reports a shifted numeric column with its medians and the KS p-value', async () => {
    const base = rows(
      500,
      (r) => 10 + r() * 10,
      (r) => regions[Math.floor(r() * 4)],
      1
    )
    const head = [
      ...base,
      ...rows(
        400,
        (r) => 40 + r() * 10,
        (r) => regions[Math.floor(r() * 4)],
        2
      ).map((row, i) => ({ ...row, id: 1000 + i }))
    ]
    const findings = runCheck(driftNumeric, await analyse(base, head))
    const price = findings.find((f) => f.details!.column === 'price')!
    expect(price.severity).toBe('warn')
    expect(price.details!.test).toBe('ks')
    expect(price.message).toMatch(/median 1\d\.\d+ → \d+/)
  })

  it('is quiet when new rows follow the same distribution', async () => {
    const base = rows(
      500,
      (r) => 10 + r() * 10,
      (r) => regions[Math.floor(r() * 4)],
      1
    )
    const head = [
      ...base,
      ...rows(
        50,
        (r) => 10 + r() * 10,
        (r) => regions[Math.floor(r() * 4)],
        3
      ).map((row, i) => ({ ...row, id: 1000 + i }))
    ]
    expect(
      runCheck(driftNumeric, await analyse(base, head)).filter((f) => f.details!.column === 'price')
    ).toEqual([])
  })
})

describe('drift.categorical', () => {
  it('names the value that moved most', async () => {
    const base = rows(
      600,
      () => 1,
      (r) => regions[Math.floor(r() * 4)],
      4
    )
    const head = [
      ...base,
      ...rows(
        400,
        () => 1,
        () => 'west',
        5
      ).map((row, i) => ({ ...row, id: 1000 + i }))
    ]
    const findings = runCheck(driftCategorical, await analyse(base, head))
    expect(findings).toHaveLength(1)
    expect(findings[0].details!.value).toBe('west')
  })
})
