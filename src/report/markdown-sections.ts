/**
 * The blocks of the Markdown report (comment and job summary). Each returns finished Markdown;
 * the caller decides how much detail fits. All text that is not a constant of this file goes
 * through escape.ts.
 */
import type { FileReport, Finding, Report } from '../types.js'
import { escapeMarkdownText, untrustedCode } from './escape.js'
import {
  SEVERITY_EMOJI,
  SEVERITY_LABEL,
  VERDICT_EMOJI,
  VERDICT_LABEL,
  countBySeverity,
  formatCount,
  formatNumber,
  plural,
  rowLocation,
  verdictReason
} from './format.js'
import { renderDetails } from './markdown-details.js'

/** How much of each finding to show; lowered step by step until the report fits. */
export interface DetailLevel {
  rowsPerFinding: number
  excerptLength: number
  explanations: boolean
  details: boolean
  /** `compact`: one line per finding, no rows, explanation or details. */
  findings: 'full' | 'compact'
}

export interface Pointers {
  jobSummaryUrl?: string
  artifactName?: string
}

const PATH_LENGTH = 200
const PROSE_LENGTH = 500
const REASON_LENGTH = 200

export function verdictBlock(report: Report): string {
  const verdict = report.verdict
  return `## ${VERDICT_EMOJI[verdict]} Dataset Gate: ${VERDICT_LABEL[verdict]}\n\n${verdictReason(report)}`
}

export function notesBlock(notes: string[] | undefined, limit = notes?.length ?? 0): string {
  if (notes === undefined || notes.length === 0) return ''
  const shown = notes
    .slice(0, limit)
    .map((note) => `- ${escapeMarkdownText(note, { maxLength: PROSE_LENGTH })}`)
  if (notes.length > limit) shown.push(`- … and ${plural(notes.length - limit, 'more note')}`)
  return `**Notes**\n\n${shown.join('\n')}`
}

export function pathCode(path: string): string {
  return untrustedCode(path, { maxLength: PATH_LENGTH })
}

function statusCell(file: FileReport): string {
  if (file.previousPath !== null && file.previousPath !== file.path) {
    return `${file.status} from ${pathCode(file.previousPath)}`
  }
  return file.status
}

export const FILE_TABLE_HEADER = [
  '| File | Status | Rows (base → head) | Added | Removed | Failures | Warnings |',
  '| :--- | :--- | ---: | ---: | ---: | ---: | ---: |'
].join('\n')

export function fileTableRow(file: FileReport): string {
  const counts = countBySeverity(file)
  const cells = [
    pathCode(file.path),
    statusCell(file),
    `${formatCount(file.rows.base)} → ${formatCount(file.rows.head)}`,
    formatCount(file.rows.added),
    formatCount(file.rows.removed),
    formatCount(counts.fail),
    formatCount(counts.warn)
  ]
  return `| ${cells.join(' | ')} |`
}

export function fileTable(files: FileReport[]): string {
  if (files.length === 0) return ''
  return [FILE_TABLE_HEADER, ...files.map(fileTableRow)].join('\n')
}

function measures(finding: Finding): string {
  const parts = [`Check ${untrustedCode(finding.check, { maxLength: 80 })}`]
  if (finding.value !== undefined) parts.push(`value ${formatNumber(finding.value)}`)
  if (finding.threshold !== undefined) parts.push(`threshold ${formatNumber(finding.threshold)}`)
  return `<sub>${parts.join(' · ')}</sub>`
}

function heading(finding: Finding): string {
  const severity = `${SEVERITY_EMOJI[finding.severity]} ${SEVERITY_LABEL[finding.severity]}`
  return `#### ${severity} · ${escapeMarkdownText(finding.title, { maxLength: 200 })}`
}

function where(pointers: Pointers): string {
  const artifact =
    pointers.artifactName !== undefined
      ? `the JSON report (artifact ${untrustedCode(pointers.artifactName, { maxLength: 100 })})`
      : 'the JSON report'
  return artifact
}

function rowsBlock(finding: Finding, level: DetailLevel, pointers: Pointers): string {
  const total = finding.rows.length
  if (total === 0) return ''
  const shown = finding.rows.slice(0, level.rowsPerFinding)
  const remaining = total - shown.length
  if (shown.length === 0) {
    return `${plural(total, 'flagged row')}: listed in ${where(pointers)}.`
  }
  const items = shown.map((row) => {
    const reason =
      row.reason !== undefined && row.reason !== ''
        ? ` — ${escapeMarkdownText(row.reason, { maxLength: REASON_LENGTH })}`
        : ''
    return `- ${rowLocation(row)}: ${untrustedCode(row.excerpt, { maxLength: level.excerptLength })}${reason}`
  })
  const summary =
    remaining > 0
      ? `Flagged rows: ${formatCount(shown.length)} of ${formatCount(total)}`
      : `Flagged ${total === 1 ? 'row' : 'rows'} (${formatCount(total)})`
  const tail = remaining > 0 ? `\n\n${plural(remaining, 'more row')} in ${where(pointers)}.` : ''
  return `<details><summary>${summary}</summary>\n\n${items.join('\n')}${tail}\n\n</details>`
}

function explanationBlock(explanation: string | undefined): string {
  if (explanation === undefined || explanation === '') return ''
  const text = escapeMarkdownText(explanation, { maxLength: 2000 })
  return `<details><summary>Why this matters</summary>\n\n${text}\n\n</details>`
}

export function findingBlock(finding: Finding, level: DetailLevel, pointers: Pointers): string {
  const blocks = [
    heading(finding),
    escapeMarkdownText(finding.message, { maxLength: PROSE_LENGTH }),
    measures(finding)
  ]
  if (level.explanations) blocks.push(explanationBlock(finding.explanation))
  if (level.details && finding.details !== undefined) blocks.push(renderDetails(finding.details))
  blocks.push(rowsBlock(finding, level, pointers))
  return blocks.filter((block) => block !== '').join('\n\n')
}

export function compactFindingLine(finding: Finding): string {
  const severity = `${SEVERITY_EMOJI[finding.severity]} ${SEVERITY_LABEL[finding.severity]}`
  const title = escapeMarkdownText(finding.title, { maxLength: 120 })
  const message = escapeMarkdownText(finding.message, { maxLength: 200 })
  const rows = finding.rows.length > 0 ? ` (${plural(finding.rows.length, 'row')})` : ''
  return `- ${severity} · **${title}**: ${message}${rows}`
}

export function fileHeading(file: FileReport): string {
  return `### ${pathCode(file.path)}`
}

export function noticesBlock(report: Report): string {
  const lines: string[] = []
  for (const file of report.files) {
    for (const finding of file.findings) {
      if (finding.severity !== 'notice') continue
      const title = escapeMarkdownText(finding.title, { maxLength: 120 })
      const message = escapeMarkdownText(finding.message, { maxLength: 200 })
      const rows = finding.rows.length > 0 ? ` (${plural(finding.rows.length, 'row')})` : ''
      lines.push(`- ${pathCode(file.path)} · **${title}**: ${message}${rows}`)
    }
  }
  if (lines.length === 0) return ''
  const summary = `${SEVERITY_EMOJI.notice} ${plural(lines.length, 'notice')}`
  return `<details><summary>${summary}</summary>\n\n${lines.join('\n')}\n\n</details>`
}

/** Where the rest of the report is, for shortened output. */
export function pointerSentence(pointers: Pointers): string {
  const places: string[] = []
  const url = safeLink(pointers.jobSummaryUrl)
  if (url !== undefined) places.push(`the [job summary](${url})`)
  places.push(where(pointers))
  return `The full report is in ${places.join(' and in ')}.`
}

export function footer(report: Report, pointers: Pointers): string {
  const parts: string[] = []
  const url = safeLink(pointers.jobSummaryUrl)
  if (url !== undefined) parts.push(`[Job summary](${url})`)
  if (pointers.artifactName !== undefined) {
    parts.push(`JSON report: artifact ${untrustedCode(pointers.artifactName, { maxLength: 100 })}`)
  }
  const sha = (value: string): string => untrustedCode(value.slice(0, 12), { maxLength: 12 })
  parts.push(
    `${escapeMarkdownText(report.tool.name)} ${escapeMarkdownText(report.tool.version, { maxLength: 40 })}`
  )
  parts.push(`${sha(report.base)} → ${sha(report.head)}`)
  return `<sub>${parts.join(' · ')}</sub>`
}

/**
 * Only http(s) URLs become links, with the characters that could end a Markdown link destination
 * percent-encoded; anything else is dropped rather than trusted.
 */
function safeLink(url: string | undefined): string | undefined {
  if (url === undefined) return undefined
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return undefined
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined
  return parsed.href.replace(
    /[()<>\s"'`\\[\]|]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
  )
}
