import { z } from 'zod'
import type { AddedRow } from '../dataset/types.js'
import type { Finding } from '../types.js'
import { byPosition, findingRow } from './excerpt.js'
import { defineCheck, severitySetting } from './types.js'

export const duplicatesExact = defineCheck({
  id: 'duplicates.exact',
  title: 'Repeated rows',
  explanation:
    'Counts identical copies of each added row, within the pull request and in the base. Repeating ' +
    'one example many times makes the model memorise it: duplicate flooding is a cheap way to push a ' +
    'behaviour or an answer. The odd duplicate is common in honest data and only noted.',
  options: {
    severity: severitySetting.default('fail'),
    'flood-copies': z.number().int().min(2).default(5),
    'flood-share': z.number().min(0).max(1).default(0.05),
    'notice-duplicates': z.boolean().default(true)
  },
  run(analysis, options) {
    const groups = new Map<string, AddedRow[]>()
    for (const row of analysis.added) {
      const group = groups.get(row.hash)
      if (group) group.push(row)
      else groups.set(row.hash, [row])
    }
    const total = analysis.added.length
    const flooded: AddedRow[][] = []
    const minor: AddedRow[] = []
    for (const [hash, rows] of groups) {
      const inBase = analysis.base.rowHashes.copies(hash)
      const copies = rows.length + inBase
      const isFlood =
        rows.length >= options['flood-copies'] ||
        (rows.length >= 3 && rows.length / Math.max(total, 1) >= options['flood-share'])
      if (isFlood) flooded.push(rows)
      else if (copies >= 2) minor.push(...rows)
    }
    const findings: Finding[] = []
    if (flooded.length) {
      const rows = byPosition(flooded.flat())
      const largest = Math.max(...flooded.map((g) => g.length))
      findings.push({
        check: 'duplicates.exact',
        severity: options.severity,
        title: 'Duplicate flooding',
        message: `${flooded.length} ${flooded.length === 1 ? 'row is' : 'rows are'} added many times (${rows.length} copies in all, up to ${largest} of one row)`,
        value: largest,
        threshold: options['flood-copies'],
        rows: rows.map((row) => findingRow(row, `one of ${groupSize(flooded, row)} added copies`)),
        details: { groups: flooded.length, largestGroup: largest }
      })
    }
    if (minor.length && options['notice-duplicates']) {
      findings.push({
        check: 'duplicates.exact',
        severity: 'notice',
        title: 'Duplicated rows',
        message: `${minor.length} added ${minor.length === 1 ? 'row duplicates' : 'rows duplicate'} another row of the pull request or the base`,
        value: minor.length,
        rows: byPosition(minor).map((row) => findingRow(row))
      })
    }
    return findings
  }
})

function groupSize(groups: AddedRow[][], row: AddedRow): number {
  return groups.find((g) => g.includes(row))?.length ?? 1
}
