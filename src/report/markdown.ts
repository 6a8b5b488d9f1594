/**
 * The Markdown report: the sticky PR comment and the job summary. Both must stay under a hard
 * size limit (65,536 characters for a comment, 1 MiB for a job summary), so the report is
 * rendered at decreasing levels of detail until it fits, instead of being cut mid-markup:
 * fewer and shorter rows, then no explanations, then no details, then one line per finding,
 * then only the verdict and the file table with a pointer to the full report.
 */
import type { Report } from '../types.js'
import { bySeverity, plural } from './format.js'
import {
  FILE_TABLE_HEADER,
  compactFindingLine,
  fileHeading,
  fileTable,
  fileTableRow,
  findingBlock,
  footer,
  noticesBlock,
  notesBlock,
  pointerSentence,
  verdictBlock,
  type DetailLevel,
  type Pointers
} from './markdown-sections.js'

export const COMMENT_MAX_LENGTH = 65536
export const JOB_SUMMARY_MAX_BYTES = 1024 * 1024
export const DEFAULT_MARKER = '<!-- dataset-gate:summary -->'

const MARKER_PATTERN = /^<!-- [A-Za-z0-9][A-Za-z0-9:._-]* -->$/

export interface CommentOptions extends Pointers {
  /** Hidden first line that finds the comment again, e.g. `<!-- dataset-gate:summary -->`. */
  marker: string
  maxRowsPerFinding?: number
  /** In UTF-16 code units, which never undercounts GitHub's character count. */
  maxLength?: number
}

export interface JobSummaryOptions extends Pointers {
  maxRowsPerFinding?: number
  /** In UTF-8 bytes, as GitHub measures the step summary. */
  maxBytes?: number
}

type Measure = (text: string) => number

const characters: Measure = (text) => text.length
const utf8Bytes: Measure = (text) => Buffer.byteLength(text, 'utf8')

export function renderComment(report: Report, options: CommentOptions): string {
  if (!MARKER_PATTERN.test(options.marker)) {
    throw new Error(
      `Comment marker must look like <!-- name -->, got ${JSON.stringify(options.marker)}`
    )
  }
  return renderFitting(report, {
    prefix: options.marker,
    pointers: options,
    maxRowsPerFinding: options.maxRowsPerFinding ?? 5,
    limit: options.maxLength ?? COMMENT_MAX_LENGTH,
    measure: characters
  })
}

export function renderJobSummary(report: Report, options: JobSummaryOptions = {}): string {
  return renderFitting(report, {
    prefix: undefined,
    pointers: { artifactName: options.artifactName },
    maxRowsPerFinding: options.maxRowsPerFinding ?? 20,
    limit: options.maxBytes ?? JOB_SUMMARY_MAX_BYTES,
    measure: utf8Bytes
  })
}

interface Target {
  prefix: string | undefined
  pointers: Pointers
  maxRowsPerFinding: number
  limit: number
  measure: Measure
}

function ladder(maxRows: number): DetailLevel[] {
  const full = { explanations: true, details: true, findings: 'full' } as const
  const rowSteps = [
    { rowsPerFinding: maxRows, excerptLength: 240 },
    { rowsPerFinding: Math.min(maxRows, 3), excerptLength: 160 },
    { rowsPerFinding: Math.min(maxRows, 1), excerptLength: 120 },
    { rowsPerFinding: 0, excerptLength: 0 }
  ].filter(
    (step, index, steps) => index === 0 || step.rowsPerFinding < steps[index - 1].rowsPerFinding
  )
  return [
    ...rowSteps.map((step) => ({ ...full, ...step })),
    { ...full, rowsPerFinding: 0, excerptLength: 0, explanations: false },
    { ...full, rowsPerFinding: 0, excerptLength: 0, explanations: false, details: false },
    { ...full, rowsPerFinding: 0, excerptLength: 0, findings: 'compact' }
  ]
}

function renderFitting(report: Report, target: Target): string {
  const levels = ladder(Math.max(0, Math.floor(target.maxRowsPerFinding)))
  for (const [index, level] of levels.entries()) {
    const shortened = index > 0
    const fitted = fit(detailedBlocks(report, level, target.pointers, shortened), target)
    if (fitted !== undefined) return fitted
  }
  return minimal(report, target)
}

function* detailedBlocks(
  report: Report,
  level: DetailLevel,
  pointers: Pointers,
  shortened: boolean
): Generator<string> {
  yield verdictBlock(report)
  if (shortened)
    yield `<sub>Shortened to fit GitHub's size limit. ${pointerSentence(pointers)}</sub>`
  yield notesBlock(report.notes)
  yield fileTable(report.files)
  // A check's explanation is the same wherever it fires, so it is shown once.
  const explained = new Set<string>()
  for (const file of report.files) {
    const findings = bySeverity(file.findings.filter((finding) => finding.severity !== 'notice'))
    if (findings.length === 0) continue
    yield fileHeading(file)
    if (level.findings === 'compact') {
      yield findings.map(compactFindingLine).join('\n')
    } else {
      for (const finding of findings) {
        const explanations = level.explanations && !explained.has(finding.check)
        if (explanations && finding.explanation !== undefined) explained.add(finding.check)
        yield findingBlock(finding, { ...level, explanations }, pointers)
      }
    }
  }
  yield level.findings === 'compact' ? '' : noticesBlock(report)
  yield footer(report, pointers)
}

/** Joins blocks with blank lines; undefined as soon as the limit is passed (stops rendering). */
function fit(blocks: Iterable<string>, target: Target): string | undefined {
  const parts: string[] = target.prefix !== undefined ? [target.prefix] : []
  let size = parts.length > 0 ? target.measure(target.prefix ?? '') : 0
  for (const block of blocks) {
    if (block === '') continue
    const separator =
      parts.length === 0 ? 0 : parts.length === 1 && target.prefix !== undefined ? 1 : 2
    size += separator + target.measure(block)
    if (size > target.limit) return undefined
    parts.push(block)
  }
  return joinBlocks(parts, target.prefix !== undefined)
}

/** The marker sits alone on the first line, directly followed by the report. */
function joinBlocks(parts: string[], hasPrefix: boolean): string {
  if (!hasPrefix) return parts.join('\n\n')
  const [prefix, ...rest] = parts
  return rest.length === 0 ? prefix : `${prefix}\n${rest.join('\n\n')}`
}

/**
 * Verdict, pointer and as many file-table rows as fit. Used when even one line per finding is
 * too long (thousands of files or findings); it drops parts until it fits.
 */
function minimal(report: Report, target: Target): string {
  const pointer = `<sub>Shortened to fit GitHub's size limit. ${pointerSentence(target.pointers)}</sub>`
  const candidates: string[][] = [
    [verdictBlock(report), pointer, notesBlock(report.notes, 5)],
    [verdictBlock(report), pointer],
    [verdictBlock(report)],
    []
  ]
  for (const head of candidates) {
    const withTable = withFittingTable(head, report, target)
    if (withTable !== undefined) return withTable
  }
  throw new RangeError(`A report cannot fit in ${target.limit}: the limit is too small`)
}

function withFittingTable(head: string[], report: Report, target: Target): string | undefined {
  const fixed = fit(head, target)
  if (fixed === undefined) return undefined
  if (report.files.length === 0 || head.length === 0) return fixed
  const rows: string[] = []
  const budget = target.limit - target.measure(fixed) - 2 - target.measure(FILE_TABLE_HEADER)
  const moreRow = (left: number): string => `| … and ${plural(left, 'more file')} | | | | | | |`
  let used = 0
  for (const [index, file] of report.files.entries()) {
    const row = fileTableRow(file)
    const left = report.files.length - index - 1
    const reserve = left > 0 ? 1 + target.measure(moreRow(left)) : 0
    if (used + 1 + target.measure(row) + reserve > budget) {
      rows.push(moreRow(report.files.length - index))
      break
    }
    rows.push(row)
    used += 1 + target.measure(row)
  }
  const table = [FILE_TABLE_HEADER, ...rows].join('\n')
  return fit([...head, table], target) ?? fixed
}
