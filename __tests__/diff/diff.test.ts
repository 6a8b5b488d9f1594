import { pairModified } from '../../src/diff/modified.js'
import { analyse } from '../helpers/analysis.js'
import { inferShape } from '../../src/dataset/shape.js'
import { rowFeatures } from '../../src/dataset/features.js'
import { rowHash } from '../../src/dataset/hash.js'
import type { RowValues } from '../../src/types.js'

describe('row diff through analyzeFile', () => {
  const rows: RowValues[] = Array.from({ length: 20 }, (_, i) => ({
    text: `row number ${i} of the file`,
    label: i % 2
  }))

  it('ignores key order and row order, and counts duplicates as a multiset', async () => {
    const reordered = [...rows].reverse().map((r) => ({ label: r.label, text: r.text }))
    const analysis = await analyse(rows, [...reordered, rows[3]])
    // Row 3 is now there twice: once rewritten (line 17) and once exactly as in the base (line
    // 21). The copy whose text the base never had is the one reported as added.
    expect(analysis.added.map((r) => r.line)).toEqual([17])
    expect(analysis.added[0].values).toEqual(rows[3])
    expect(analysis.removed).toEqual([])
  })

  it('reports removed rows with their base lines and pairs edits with the same text', async () => {
    const head = rows
      .map((r, i) => (i === 4 ? { ...r, label: 1 - Number(r.label) } : r))
      .filter((_, i) => i !== 9)
    const analysis = await analyse(rows, head)
    expect(analysis.removed.map((r) => r.line).sort()).toEqual([10, 5].sort())
    expect(analysis.modified).toHaveLength(1)
    expect(analysis.modified[0].added.line).toBe(5)
  })

  it('pairs rows by the policy key column when one is set', () => {
    const shape = inferShape(
      rows.map((r, i) => ({ ...r, id: i })),
      { keyColumn: 'id' }
    )
    const toRow = (values: RowValues, line: number) => ({
      line,
      row: line - 1,
      values,
      hash: rowHash(values),
      features: rowFeatures(values, shape)
    })
    const pairs = pairModified(
      [toRow({ id: 3, text: 'new text', label: 1 }, 30)],
      [toRow({ id: 3, text: 'old text', label: 1 }, 4)],
      shape
    )
    expect(pairs.map((p) => [p.added.line, p.removed.line])).toEqual([[30, 4]])
  })
})
