import { z } from 'zod'
import { defineCheck, severitySetting } from './types.js'

export const volume = defineCheck({
  id: 'volume.rows',
  title: 'Unusual number of rows added or removed',
  explanation:
    'Compares how many rows the pull request adds and removes with the size of the base. Large ' +
    'deletions silently change what the model learns; a very large addition deserves a closer review. ' +
    'Deleting a whole dataset file is reported here too.',
  options: {
    severity: severitySetting.default('warn'),
    'max-removed-share': z.number().min(0).default(0.2),
    'max-added-share': z.number().min(0).default(1),
    'min-base-rows': z.number().int().min(0).default(100)
  },
  run(analysis, options) {
    const base = analysis.base.rowCount
    if (analysis.file.status === 'deleted') {
      return [
        {
          check: 'volume.rows',
          severity: options.severity,
          title: 'Dataset file deleted',
          message: `The pull request deletes this dataset file (${base} rows in the base)`,
          value: base,
          rows: []
        }
      ]
    }
    if (base < options['min-base-rows']) return []
    const removedShare = analysis.removed.length / base
    const addedShare = analysis.added.length / base
    const findings = []
    if (removedShare > options['max-removed-share']) {
      findings.push({
        check: 'volume.rows',
        severity: options.severity,
        title: 'Many rows removed',
        message: `${analysis.removed.length} of ${base} base rows (${pct(removedShare)}) are removed`,
        value: removedShare,
        threshold: options['max-removed-share'],
        rows: []
      })
    }
    if (addedShare > options['max-added-share']) {
      findings.push({
        check: 'volume.rows',
        severity: options.severity,
        title: 'Many rows added',
        message: `${analysis.added.length} rows added to a base of ${base} (${pct(addedShare)})`,
        value: addedShare,
        threshold: options['max-added-share'],
        rows: []
      })
    }
    return findings
  }
})

function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`
}
