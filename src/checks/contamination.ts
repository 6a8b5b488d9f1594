import { hashText, normalizeForMatch } from '../dataset/hash.js'
import type { AddedRow } from '../dataset/types.js'
import type { Finding } from '../types.js'
import type { ReferenceRows } from './types.js'
import { byPosition, findingRow } from './excerpt.js'
import { defineCheck, severitySetting } from './types.js'

export const contaminationEval = defineCheck({
  id: 'contamination.eval',
  title: 'Training rows copied from evaluation data',
  explanation:
    "Added training rows whose text is already in one of the repository's evaluation or test files " +
    '(policy `eval-files`). Training on test data inflates every score the team relies on, and is a ' +
    'way to hide a regression. Rows are compared on normalised text (case and spacing ignored).',
  options: { severity: severitySetting.default('fail') },
  run(analysis, options, repository) {
    const reference = repository.evalRows
    if (!reference || reference.paths.includes(analysis.file.path)) return []
    return matchReference(analysis.added, reference, options.severity, {
      check: 'contamination.eval',
      title: 'Training rows copied from evaluation data',
      what: 'evaluation rows'
    })
  }
})

export const isolationUnverified = defineCheck({
  id: 'isolation.unverified',
  title: 'Rows from unverified data in a validated dataset',
  explanation:
    'Added rows that also appear in a file the policy marks as unverified (`unverified-files`, for ' +
    'example raw user conversations). Unreviewed data must not flow into a validated training set ' +
    'by copy and paste.',
  options: { severity: severitySetting.default('fail') },
  run(analysis, options, repository) {
    const reference = repository.unverifiedRows
    if (!reference || reference.paths.includes(analysis.file.path)) return []
    return matchReference(analysis.added, reference, options.severity, {
      check: 'isolation.unverified',
      title: 'Rows from unverified data in a validated dataset',
      what: 'rows of unverified files'
    })
  }
})

function matchReference(
  added: AddedRow[],
  reference: ReferenceRows,
  severity: Finding['severity'],
  labels: { check: string; title: string; what: string }
): Finding[] {
  const matches = new Map<AddedRow, string>()
  for (const row of added) {
    if (!row.features.input) continue
    const where =
      reference.exact.get(hashText(normalizeForMatch(row.features.input))) ??
      reference.near(row.features.input)
    if (where) matches.set(row, where)
  }
  if (!matches.size) return []
  const rows = byPosition([...matches.keys()])
  return [
    {
      check: labels.check,
      severity,
      title: labels.title,
      message: `${rows.length} added ${rows.length === 1 ? 'row matches' : 'rows match'} ${labels.what}`,
      value: rows.length,
      threshold: 0,
      rows: rows.map((row) => findingRow(row, `same text as ${matches.get(row)}`))
    }
  ]
}
