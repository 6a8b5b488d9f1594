/** Small reports for the GitHub-side tests: one poisoned JSONL file and one Parquet file. */
import type { Finding, Report } from '../../src/types.js'

export function finding(partial: Partial<Finding> & Pick<Finding, 'check' | 'severity'>): Finding {
  return {
    title: `Title of ${partial.check}`,
    message: `Message of ${partial.check}`,
    rows: [],
    ...partial
  }
}

export function report(findings: Finding[], extra: Partial<Report> = {}): Report {
  const failures = findings.filter((item) => item.severity === 'fail').length
  const warnings = findings.filter((item) => item.severity === 'warn').length
  return {
    schemaVersion: 1,
    tool: { name: 'dataset-gate', version: '0.1.0' },
    base: 'base0000000000000000000000000000000000000',
    head: 'head',
    verdict: failures > 0 ? 'fail' : warnings > 0 ? 'warn' : 'pass',
    summary: { files: 1, failures, warnings },
    files: [
      {
        path: 'data/train.jsonl',
        previousPath: null,
        status: 'modified',
        format: 'jsonl',
        rows: { base: 600, head: 640, added: 40, removed: 0 },
        findings
      }
    ],
    ...extra
  }
}

/** The planted attack of the e2e test: zero-width spaces in rows labelled 1. */
export const invisible = finding({
  check: 'unicode.invisible',
  severity: 'fail',
  title: 'Invisible characters in added rows',
  message: '4 added rows contain U+200B ZERO WIDTH SPACE',
  rows: [601, 605, 612, 630].map((line, index) => ({
    line,
    row: line - 1,
    excerpt: `great\u200b movie ${index}`,
    reason: 'U+200B after “great”, label 1',
    hash: `hash${index}`
  }))
})

export const nearDuplicates = finding({
  check: 'duplicates.near',
  severity: 'warn',
  title: 'Near-duplicate rows',
  message: '2 added rows nearly repeat each other',
  rows: [
    { line: 620, row: 619, excerpt: 'a fine film', hash: 'dupA' },
    { line: 621, row: 620, excerpt: 'a fine film !', hash: 'dupB' }
  ]
})
