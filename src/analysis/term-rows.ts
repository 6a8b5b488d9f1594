import { murmur3 } from '../sketch/hash.js'

/** From this many rows on, terms are counted through a filter first (same result, less memory). */
export const FILTERED_FROM_ROWS = 5000
const CELLS = 1 << 22
const SEED = 0x68e31da4

/**
 * Upper bounds of how many rows hold each term, in one saturating byte per hashed cell (4 MiB):
 * a term whose bound is below a threshold is surely below it, so the exact maps that follow need
 * no entry for it. Most terms of a set of rows are in one row only, and those entries would
 * otherwise be most of the memory of a large pull request's analysis.
 */
export class TermRowFilter {
  private readonly cells = new Uint8Array(CELLS)

  addRow(terms: Iterable<string>): void {
    for (const term of terms) {
      const at = murmur3(term, SEED) & (CELLS - 1)
      if (this.cells[at] < 255) this.cells[at]++
    }
  }

  /** At least the number of rows holding `term`; Infinity once the cell is full. */
  bound(term: string): number {
    const n = this.cells[murmur3(term, SEED) & (CELLS - 1)]
    return n === 255 ? Number.POSITIVE_INFINITY : n
  }
}

/**
 * The rows holding each term that at least `minRows` rows hold. The terms of each row are
 * computed once for fewer than FILTERED_FROM_ROWS rows, else twice (through a TermRowFilter)
 * rather than kept for every row at once.
 */
export function rowsByTerm<T>(
  rows: T[],
  termsOf: (row: T) => Iterable<string>,
  minRows: number
): Map<string, T[]> {
  const lists = new Map<string, T[]>()
  const add = (term: string, row: T): void => {
    const list = lists.get(term)
    if (list) list.push(row)
    else lists.set(term, [row])
  }
  if (rows.length < FILTERED_FROM_ROWS || minRows <= 1) {
    for (const row of rows) for (const term of termsOf(row)) add(term, row)
  } else {
    const filter = new TermRowFilter()
    for (const row of rows) filter.addRow(termsOf(row))
    for (const row of rows) {
      for (const term of termsOf(row)) if (filter.bound(term) >= minRows) add(term, row)
    }
  }
  for (const [term, list] of lists) if (list.length < minRows) lists.delete(term)
  return lists
}
