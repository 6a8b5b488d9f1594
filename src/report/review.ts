/**
 * Review comments on suspicious added rows: which rows get one, what each says, the hidden id that
 * finds it again on the next run, and the summary-comment section for the rows that could not get
 * one. Pure: GitHub is only touched by src/github/review.ts.
 */
import type { Report, Severity } from '../types.js'
import { hashText } from '../dataset/hash.js'
import { escapeMarkdownText, untrustedCode } from './escape.js'
import { SEVERITY_EMOJI, SEVERITY_LABEL, bySeverity, plural } from './format.js'

export type ReviewSeverity = Exclude<Severity, 'notice'>

/** One finding about the row. Untrusted text. */
export interface ReviewItem {
  check: string
  severity: ReviewSeverity
  title: string
  /** Why this row: the row's own reason, else the finding's message. */
  why: string
}

/** One flagged row: one review comment, however many checks flag it. */
export interface ReviewCandidate {
  path: string
  /** 1-based line of the head file (the RIGHT side of the diff). */
  line: number
  /** The most severe of its items. */
  severity: ReviewSeverity
  /** Most severe first. */
  items: ReviewItem[]
  excerpt: string
  /** The row's id in the hidden marker; unique within its file. */
  rowId: string
}

export interface ReviewId {
  path: string
  /** Sorted check ids: a check that starts or stops flagging the row makes a new comment. */
  checks: string[]
  rowId: string
}

export type LeftOutReason = 'outside-diff' | 'over-cap' | 'refused' | 'failed'

export interface LeftOutRow {
  candidate: ReviewCandidate
  reason: LeftOutReason
}

const MARKER_PREFIX = 'dataset-gate:review'
const ID_SAFE = /^[A-Za-z0-9._-]+$/
const SEVERITY_RANK: Record<ReviewSeverity, number> = { fail: 0, warn: 1 }

/**
 * Rows of fail and warn findings that have a line, most severe first (stable within a severity),
 * one per row however many checks flag it. Two identical rows (same hash) in one file get ids
 * `<hash>`, `<hash>.2`, … in line order, so every id names one comment.
 */
export function selectReviewCandidates(report: Report): ReviewCandidate[] {
  const byRow = new Map<string, ReviewCandidate & { hash?: string }>()
  for (const file of report.files) {
    for (const finding of bySeverity(file.findings)) {
      if (finding.severity === 'notice') continue
      const rows = finding.rows
        .filter((row) => row.line !== undefined && row.line >= 1)
        .sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
      for (const row of rows) {
        const line = row.line ?? 0
        const key = `${file.path}\u0000${line}`
        const item: ReviewItem = {
          check: finding.check,
          severity: finding.severity,
          title: finding.title,
          why: row.reason !== undefined && row.reason !== '' ? row.reason : finding.message
        }
        const known = byRow.get(key)
        if (known === undefined) {
          byRow.set(key, {
            path: file.path,
            line,
            severity: finding.severity,
            items: [item],
            excerpt: row.excerpt,
            rowId: '',
            hash: row.hash
          })
        } else if (!known.items.some((other) => other.check === item.check)) {
          known.items.push(item)
          known.hash ??= row.hash
        }
      }
    }
  }
  const candidates = Array.from(byRow.values())
  assignRowIds(candidates)
  return candidates
    .map(({ hash: _hash, ...candidate }) => candidate)
    .map((candidate, index) => ({ candidate, index }))
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.candidate.severity] - SEVERITY_RANK[b.candidate.severity] ||
        a.index - b.index
    )
    .map(({ candidate }) => candidate)
}

function assignRowIds(candidates: (ReviewCandidate & { hash?: string })[]): void {
  const counts = new Map<string, number>()
  const inLineOrder = [...candidates].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line
  )
  for (const candidate of inLineOrder) {
    const base = rowIdBase(candidate.hash, candidate.excerpt)
    const key = `${candidate.path}\u0000${base}`
    const count = (counts.get(key) ?? 0) + 1
    counts.set(key, count)
    candidate.rowId = count === 1 ? base : `${base}.${count}`
  }
}

/** The marker fields of a candidate. */
export function reviewId(candidate: ReviewCandidate): ReviewId {
  return {
    path: candidate.path,
    checks: candidate.items.map((item) => item.check).sort(),
    rowId: candidate.rowId
  }
}

/** The row's content hash when it is marker-safe; otherwise a hash of what we have. */
function rowIdBase(hash: string | undefined, excerpt: string): string {
  if (hash !== undefined && hash !== '' && hash.length <= 64 && ID_SAFE.test(hash)) return hash
  return `x${hashText(hash ?? excerpt)}`
}

export function reviewKey(id: ReviewId): string {
  return `${id.path}\u0000${[...id.checks].sort().join(',')}\u0000${id.rowId}`
}

/**
 * Paths and check ids come from the repository, so they are percent-encoded: nothing in them can
 * end the HTML comment (`-->`), add a field or hide from the parser.
 */
function encodeField(text: string): string {
  return Array.from(new TextEncoder().encode(text), (byte) => {
    const character = String.fromCharCode(byte)
    return /[A-Za-z0-9._/-]/.test(character) && byte < 0x80
      ? character
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  })
    .join('')
    .replace(/--/g, '-%2D')
}

function decodeField(text: string): string | undefined {
  try {
    return decodeURIComponent(text)
  } catch {
    return undefined
  }
}

export function reviewMarker(id: ReviewId): string {
  const checks = id.checks.map(encodeField).join(',')
  return `<!-- ${MARKER_PREFIX} file=${encodeField(id.path)} check=${checks} row=${encodeField(id.rowId)} -->`
}

const MARKER_PATTERN = new RegExp(
  `<!-- ${MARKER_PREFIX} file=([^\\s]+) check=([^\\s]+) row=([^\\s]+) -->`
)

/** The id in a comment body, if it carries our marker. Trust it only on our own comments. */
export function parseReviewMarker(body: string): ReviewId | undefined {
  const match = MARKER_PATTERN.exec(body)
  if (match === null) return undefined
  const [path, rowId] = [match[1], match[3]].map(decodeField)
  const checks = match[2].split(',').map(decodeField)
  if (path === undefined || rowId === undefined) return undefined
  if (checks.some((check) => check === undefined || check === '')) return undefined
  return { path, checks: checks as string[], rowId }
}

export interface ReviewBodyOptions {
  /** PR label a maintainer applies to accept the rows; mentioned in "what to do". */
  overrideLabel?: string
}

export function reviewCommentBody(
  candidate: ReviewCandidate,
  options: ReviewBodyOptions = {}
): string {
  const items = candidate.items.map((item) => {
    const severity = `${SEVERITY_EMOJI[item.severity]} ${SEVERITY_LABEL[item.severity]}`
    const title = escapeMarkdownText(item.title, { maxLength: 200 })
    const check = untrustedCode(item.check, { maxLength: 80 })
    return `**${severity} · ${title}** (${check})\n**Why:** ${escapeMarkdownText(item.why, { maxLength: 500 })}`
  })
  const accept =
    options.overrideLabel !== undefined && options.overrideLabel !== ''
      ? `, or a maintainer applies the label ${untrustedCode(options.overrideLabel, { maxLength: 50 })} to accept the pull request as it is`
      : ''
  return [
    reviewMarker(reviewId(candidate)),
    ...items,
    `Row: ${untrustedCode(candidate.excerpt, { maxLength: 300 })}`,
    `**What to do:** check where this row came from. Remove or correct it if it should not be in the training data. If it is legitimate, explain why in the pull request${accept}.`
  ].join('\n\n')
}

/** Body of the review that carries a run's new comments. */
export function reviewSummaryBody(count: number): string {
  return `<!-- ${MARKER_PREFIX}-batch -->\nDataset Gate flagged ${plural(count, 'added row')} in this pull request. The summary comment has the whole report.`
}

const REASON_TEXT: Record<LeftOutReason, string> = {
  'outside-diff': 'not in the diff GitHub shows (large or binary files have none)',
  'over-cap': 'over the max-review-comments cap',
  refused: 'GitHub refused the review',
  failed: 'the review comments could not be updated in this run'
}

export const LEFT_OUT_HEADING = '### Flagged rows without a review comment'

/**
 * The section appended to the summary comment for rows that got no review comment. Stops adding
 * rows at `maxLength` UTF-16 units and says how many were left out; '' when there is nothing.
 */
export function renderLeftOutSection(rows: LeftOutRow[], maxLength: number): string {
  if (rows.length === 0) return ''
  const counts = new Map<LeftOutReason, number>()
  for (const row of rows) counts.set(row.reason, (counts.get(row.reason) ?? 0) + 1)
  const why = Array.from(
    counts,
    ([reason, count]) => `${plural(count, 'row')}: ${REASON_TEXT[reason]}`
  )
  const head = `${LEFT_OUT_HEADING}\n\n${why.join('; ')}.\n\n<details><summary>${plural(rows.length, 'row')}</summary>\n\n`
  const tail = '\n\n</details>'
  const more = (left: number): string => `- … and ${plural(left, 'more row')} in the JSON report`
  if (head.length + tail.length > maxLength) return ''
  const items: string[] = []
  let used = head.length + tail.length
  for (const [index, row] of rows.entries()) {
    const item = leftOutItem(row.candidate)
    const left = rows.length - index - 1
    const reserve = left > 0 ? 1 + more(left).length : 0
    if (used + item.length + 1 + reserve > maxLength) {
      const rest = more(rows.length - index)
      if (used + rest.length + 1 <= maxLength) items.push(rest)
      break
    }
    items.push(item)
    used += item.length + 1
  }
  if (items.length === 0) return ''
  return `${head}${items.join('\n')}${tail}`
}

function leftOutItem(candidate: ReviewCandidate): string {
  const severity = SEVERITY_EMOJI[candidate.severity]
  const path = untrustedCode(candidate.path, { maxLength: 120 })
  const titles = candidate.items
    .map((item) => `**${escapeMarkdownText(item.title, { maxLength: 120 })}**`)
    .join(', ')
  const why = escapeMarkdownText(candidate.items[0]?.why ?? '', { maxLength: 160 })
  const excerpt = untrustedCode(candidate.excerpt, { maxLength: 120 })
  return `- ${severity} ${path} line ${candidate.line} · ${titles} — ${why}: ${excerpt}`
}
