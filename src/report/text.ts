/**
 * The terminal report: verdict first, one line per file, each finding with a few rows. Every
 * string from the report goes through escapeTerminal, so a row cannot move the cursor, recolour
 * the output or reorder it with bidi controls; colour codes are ours and only when asked for.
 */
import type { Finding, Report, Severity, Verdict } from '../types.js'
import { escapeTerminal } from './escape.js'
import {
  SEVERITY_LABEL,
  VERDICT_LABEL,
  bySeverity,
  countBySeverity,
  formatCount,
  plural,
  rowLocation,
  verdictReason
} from './format.js'

export interface TextOptions {
  color: boolean
  maxRowsPerFinding?: number
}

type Style = 'red' | 'yellow' | 'green' | 'cyan' | 'bold' | 'dim'

const CODES: Record<Style, [number, number]> = {
  red: [31, 39],
  yellow: [33, 39],
  green: [32, 39],
  cyan: [36, 39],
  bold: [1, 22],
  dim: [2, 22]
}

const VERDICT_STYLE: Record<Verdict, Style> = { pass: 'green', warn: 'yellow', fail: 'red' }
const SEVERITY_STYLE: Record<Severity, Style> = { fail: 'red', warn: 'yellow', notice: 'cyan' }

const EXCERPT_LENGTH = 160
const INDENT = '    '

export function renderText(report: Report, options: TextOptions): string {
  const paint = (style: Style, text: string): string =>
    options.color ? `\u001b[${CODES[style][0]}m${text}\u001b[${CODES[style][1]}m` : text
  const maxRows = options.maxRowsPerFinding ?? 5
  const lines: string[] = []
  const verdict = paint(
    VERDICT_STYLE[report.verdict],
    paint('bold', `Dataset Gate: ${VERDICT_LABEL[report.verdict]}`)
  )
  lines.push(`${verdict}  ${verdictReason(report)}`)
  for (const note of report.notes ?? [])
    lines.push(`note: ${escapeTerminal(note, { maxLength: 500 })}`)
  for (const file of report.files) {
    const counts = countBySeverity(file)
    const renamed =
      file.previousPath !== null && file.previousPath !== file.path
        ? ` from ${escapeTerminal(file.previousPath, { maxLength: 200 })}`
        : ''
    const rows = `base ${formatCount(file.rows.base)}, head ${formatCount(file.rows.head)}, +${formatCount(file.rows.added)} -${formatCount(file.rows.removed)}`
    const findings = [
      plural(counts.fail, 'failure'),
      plural(counts.warn, 'warning'),
      plural(counts.notice, 'notice')
    ].join(', ')
    lines.push('')
    lines.push(
      `${paint('bold', escapeTerminal(file.path, { maxLength: 200 }))} (${file.status}${renamed}${file.format !== null ? `, ${file.format}` : ''}): ${rows}; ${findings}`
    )
    for (const finding of bySeverity(file.findings)) {
      lines.push(...findingLines(finding, maxRows, paint))
    }
  }
  return `${lines.join('\n')}\n`
}

function findingLines(
  finding: Finding,
  maxRows: number,
  paint: (style: Style, text: string) => string
): string[] {
  const label = paint(SEVERITY_STYLE[finding.severity], SEVERITY_LABEL[finding.severity].padEnd(6))
  const check = paint('dim', escapeTerminal(finding.check, { maxLength: 80 }))
  const lines = [
    `  ${label} ${escapeTerminal(finding.title, { maxLength: 200 })}  ${check}`,
    `${INDENT}${escapeTerminal(finding.message, { maxLength: 500 })}`
  ]
  for (const row of finding.rows.slice(0, maxRows)) {
    const reason =
      row.reason !== undefined && row.reason !== ''
        ? paint('dim', `  (${escapeTerminal(row.reason, { maxLength: 200 })})`)
        : ''
    lines.push(
      `${INDENT}${paint('dim', `${rowLocation(row)}:`)} ${escapeTerminal(row.excerpt, { maxLength: EXCERPT_LENGTH })}${reason}`
    )
  }
  const remaining = finding.rows.length - Math.min(finding.rows.length, maxRows)
  if (remaining > 0)
    lines.push(
      `${INDENT}${paint('dim', `… and ${plural(remaining, 'more row')} in the JSON report`)}`
    )
  return lines
}
