/**
 * Wording shared by the Markdown, terminal and SARIF renderers, so the verdict reads the same
 * everywhere. Nothing here touches untrusted text.
 */
import type { FileReport, Finding, FindingRow, Report, Severity, Verdict } from '../types.js'

export const VERDICT_LABEL: Record<Verdict, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' }
export const VERDICT_EMOJI: Record<Verdict, string> = { pass: '✅', warn: '⚠️', fail: '❌' }
export const SEVERITY_LABEL: Record<Severity, string> = {
  fail: 'FAIL',
  warn: 'WARN',
  notice: 'NOTICE'
}
export const SEVERITY_EMOJI: Record<Severity, string> = { fail: '❌', warn: '⚠️', notice: 'ℹ️' }

const SEVERITY_RANK: Record<Severity, number> = { fail: 0, warn: 1, notice: 2 }

export function formatCount(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : String(value)
}

/** Integers with separators, other numbers with four significant digits. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  if (Number.isInteger(value)) return value.toLocaleString('en-US')
  return String(Number(value.toPrecision(4)))
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : pluralForm}`
}

/** `line 3012` when the row has a line (text formats), else `row 17` (Parquet, 0-based). */
export function rowLocation(row: FindingRow): string {
  return row.line !== undefined ? `line ${row.line}` : `row ${row.row}`
}

export function countBySeverity(file: FileReport): Record<Severity, number> {
  const counts: Record<Severity, number> = { fail: 0, warn: 0, notice: 0 }
  for (const finding of file.findings) counts[finding.severity] += 1
  return counts
}

/** Fail first, then warn, then notice; stable within a severity (check order). */
export function bySeverity(findings: Finding[]): Finding[] {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] || a.index - b.index
    )
    .map(({ finding }) => finding)
}

/** One sentence saying why the verdict is what it is. */
export function verdictReason(report: Report): string {
  const { files, failures, warnings } = report.summary
  const filesWithFindings = report.files.filter((file) =>
    file.findings.some((finding) => finding.severity !== 'notice')
  ).length
  const where = `in ${formatCount(filesWithFindings)} of ${plural(files, 'changed dataset file')}`
  const andWarnings = warnings > 0 ? ` and ${plural(warnings, 'warning')}` : ''
  switch (report.verdict) {
    case 'fail':
      if (failures > 0) {
        const verb = failures === 1 ? 'fails' : 'fail'
        return `${plural(failures, 'finding')} ${verb} the policy${andWarnings} ${where}.`
      }
      return `${plural(warnings, 'warning')} ${where}, and the policy fails on warnings (fail-on: warn).`
    case 'warn':
      if (failures > 0) {
        return `${plural(failures, 'finding')} would fail the policy${andWarnings} ${where}, but the gate is warn-only.`
      }
      return `${plural(warnings, 'warning')} to review ${where}; nothing fails the policy.`
    case 'pass':
      if (files === 0) return 'No dataset files changed.'
      return `No finding fails or warns in ${plural(files, 'changed dataset file')}.`
  }
}
