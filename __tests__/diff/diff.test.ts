import { pairModified } from '../../src/diff/modified.js'
import { RowMultiset } from '../../src/diff/multiset.js'
import { analyse } from '../helpers/analysis.js'
import { inferShape } from '../../src/dataset/shape.js'
import { rowFeatures } from '../../src/dataset/features.js'
import { rowHash } from '../../src/dataset/hash.js'
import type { RowValues } from '../../src/types.js'

describe('RowMultiset', () => {
  it('consumes base copies so only extra copies are added', () => {
    const base = new RowMultiset()
    for (const h of ['a', 'a', 'b']) base.add(h)
    const remaining = base.remaining()
    expect(['a', 'b', 'a', 'a', 'c'].map((h) => remaining.take(h))).toEqual([
      true,
      true,
      true,
      false,
      false
    ])
    expect(remaining.count).toBe(0)
    expect(base.copies('a')).toBe(2)
  })
})

describe('row diff through analyzeFile', () => {
  const rows: RowValues[] = Array.from({ length: 20 }, (_, i) => ({
    text: `row number ${i} of the file`,
    label: i % 2
  }))

  it('ignores key order and row order, and counts duplicates as a multiset', async () => {
    const reordered = [...rows].reverse().map((r) => ({ label: r.label, text: r.text }))
    const analysis = await analyse(rows, [...reordered, rows[3]])
    expect(analysis.added.map((r) => r.line)).toEqual([21])
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
