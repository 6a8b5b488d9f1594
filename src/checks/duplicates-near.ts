import { modelText } from '../analysis/analyze-file.js'
import { z } from 'zod'
import type { AddedRow } from '../dataset/types.js'
import { LshIndex, nearDuplicateGroups, textSignature } from '../sketch/minhash.js'
import type { Finding } from '../types.js'
import { byPosition, findingRow } from './excerpt.js'
import { isFlood } from './flood.js'
import { defineCheck, severitySetting } from './types.js'

export const duplicatesNear = defineCheck({
  id: 'duplicates.near',
  title: 'Near-duplicate flooding',
  explanation:
    'Groups added rows that are the same example with small variations (a changed emoji, extra ' +
    'spaces, one swapped word), which exact hashing misses. Rows are compared by MinHash over ' +
    'character 5-grams (128 permutations, LSH banding) and grouped when their estimated Jaccard ' +
    'similarity reaches `similarity`; a group of `flood-copies` or more is flooding, unless the base ' +
    'already repeats those rows about as often.',
  options: {
    severity: severitySetting.default('fail'),
    similarity: z.number().min(0.5).max(1).default(0.8),
    'flood-copies': z.number().int().min(2).default(5),
    'min-text-length': z.number().int().min(0).default(20)
  },
  run(analysis, options) {
    const rows = analysis.added
    if (rows.length < options['flood-copies']) return []
    const index = new LshIndex()
    const signatures: Array<Uint32Array | undefined> = rows.map((row, id) => {
      const text = textOf(row)
      if (text.length < options['min-text-length']) return undefined
      const signature = textSignature(text)
      index.add(id, signature)
      return signature
    })
    const floods = nearDuplicateGroups(signatures, index, options.similarity).filter((group) => {
      const baseCopies = [...new Set(group.map((id) => rows[id].hash))].reduce(
        (sum, hash) => sum + analysis.base.rowHashes.copies(hash),
        0
      )
      return isFlood(group.length, baseCopies, rows.length, analysis.base.rowCount, {
        floodCopies: options['flood-copies']
      })
    })
    if (!floods.length) return []
    const groupSize = new Map<AddedRow, number>()
    for (const group of floods) for (const id of group) groupSize.set(rows[id], group.length)
    const flagged = byPosition([...groupSize.keys()])
    const largest = Math.max(...floods.map((g) => g.length))
    const finding: Finding = {
      check: 'duplicates.near',
      severity: options.severity,
      title: 'Near-duplicate flooding',
      message: `${floods.length} ${floods.length === 1 ? 'example is' : 'examples are'} added many times with small variations (${flagged.length} rows, up to ${largest} variants of one example)`,
      value: largest,
      threshold: options['flood-copies'],
      rows: flagged.map((row) =>
        findingRow(row, `one of ${groupSize.get(row)} near-identical added rows`)
      ),
      details: { groups: floods.length, largestGroup: largest }
    }
    return [finding]
  }
})

function textOf(row: AddedRow): string {
  return modelText(row.features)
}
