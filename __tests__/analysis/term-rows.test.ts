import { FILTERED_FROM_ROWS, rowsByTerm, TermRowFilter } from '../../src/analysis/term-rows.js'
import { seeded } from '../helpers/analysis.js'

/** The plain computation rowsByTerm must agree with, filter or no filter. */
function plainRowsByTerm<T>(rows: T[], termsOf: (row: T) => Iterable<string>, minRows: number) {
  const lists = new Map<string, T[]>()
  for (const row of rows) {
    for (const term of termsOf(row)) {
      const list = lists.get(term)
      if (list) list.push(row)
      else lists.set(term, [row])
    }
  }
  return new Map([...lists].filter(([, list]) => list.length >= minRows))
}

describe('rowsByTerm', () => {
  const random = seeded(9)
  // Many rows, most terms in one row only, some in many: the case the filter is for.
  const rows = Array.from({ length: FILTERED_FROM_ROWS + 1000 }, (_, i) => ({
    id: i,
    terms: [`unique-${i}`, `shared-${Math.floor(random() * 40)}`, `pair-${Math.floor(i / 2)}`]
  }))

  it.each([1, 2, 3, 150])(
    'gives exactly the plain result through the filter (min %d rows)',
    (minRows) => {
      const filtered = rowsByTerm(rows, (row) => row.terms, minRows)
      const plain = plainRowsByTerm(rows, (row) => row.terms, minRows)
      expect([...filtered.keys()]).toEqual([...plain.keys()])
      expect(filtered).toEqual(plain)
    }
  )

  it('bounds counts from above and saturates', () => {
    const filter = new TermRowFilter()
    for (let i = 0; i < 300; i++) filter.addRow(['often', ...(i < 3 ? ['thrice'] : [])])
    expect(filter.bound('thrice')).toBeGreaterThanOrEqual(3)
    expect(filter.bound('often')).toBe(Number.POSITIVE_INFINITY)
    expect(filter.bound('never')).toBeGreaterThanOrEqual(0)
  })
})
