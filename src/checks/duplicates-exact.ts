import { z } from 'zod'
import type { AddedRow } from '../dataset/types.js'
import type { Finding } from '../types.js'
import { byPosition, findingRow } from './excerpt.js'
import { isFlood } from './flood.js'
import { defineCheck, severitySetting } from './types.js'

export const duplicatesExact = defineCheck({
  id: 'duplicates.exact',
  title: 'Repeated rows',
  explanation:
    'Counts identical copies of each added row, within the pull request and in the base. Repeating ' +
    'one example many times makes the model memorise it: duplicate flooding is a cheap way to push a ' +
    'behaviour or an answer. The odd duplicate is common in honest data and only noted, and so is a ' +
    'row the base already repeats, as long as the pull request does not add it far more often than ' +
    'the base has it (more than three times its expected count plus two).',
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
      const flood = isFlood(rows.length, inBase, total, analysis.base.rowCount, {
        floodCopies: options['flood-copies'],
        floodShare: options['flood-share']
      })
      if (flood) flooded.push(rows)
      else if (copies >= 2) minor.push(...rows)
    }
    const findings: Finding[] = []
    if (flooded.length) {
      const rows = byPosition(flooded.flat())
      const groupSizes = new Map(
        flooded.flatMap((group) => group.map((row) => [row, group.length]))
      )
      const largest = Math.max(...flooded.map((g) => g.length))
      findings.push({
        check: 'duplicates.exact',
        severity: options.severity,
        title: 'Duplicate flooding',
        message: `${flooded.length} ${flooded.length === 1 ? 'row is' : 'rows are'} added many times (${rows.length} copies in all, up to ${largest} of one row)`,
        value: largest,
        threshold: options['flood-copies'],
        rows: rows.map((row) => findingRow(row, `one of ${groupSizes.get(row)} added copies`)),
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
