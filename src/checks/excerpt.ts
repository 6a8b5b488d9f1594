import type { AddedRow } from '../dataset/types.js'
import { redactSensitive } from '../scan/redact.js'
import type { FindingRow } from '../types.js'

const EXCERPT_LENGTH = 200
const INVISIBLE = /[\p{Cf}\p{Co}\p{Cc}\u{E0000}-\u{E007F}]/gu

/** Invisible and control characters written as \uXXXX so a reviewer sees them (not \n or \t). */
export function escapeInvisible(text: string): string {
  return text.replace(INVISIBLE, (c) =>
    c === '\n' || c === '\t'
      ? c
      : '\\u' + c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')
  )
}

/**
 * The row as a reviewer should see it in a report: its text views (with the label), secrets and
 * PII redacted, invisible characters revealed, cut around `focus` (a substring worth showing).
 */
export function excerptOf(row: AddedRow, focus?: string): string {
  const { input, output, label, allText } = row.features
  let text = input || output ? input : allText
  if (output) text += (text ? ' → ' : '') + output
  if (label !== null) text = `[label ${label}] ${text}`
  text = redactSensitive(text)
  let start = 0
  if (focus) {
    const at = text.toLowerCase().indexOf(focus.toLowerCase())
    if (at > EXCERPT_LENGTH / 2) start = at - 40
  }
  const cut = [...text.slice(start)]
  const body = escapeInvisible(cut.slice(0, EXCERPT_LENGTH).join(''))
  return (start > 0 ? '…' : '') + body + (cut.length > EXCERPT_LENGTH ? '…' : '')
}

export function findingRow(row: AddedRow, reason?: string, focus?: string): FindingRow {
  const listed: FindingRow = {
    line: row.line,
    row: row.row,
    excerpt: excerptOf(row, focus),
    hash: row.hash
  }
  if (row.line === undefined) delete listed.line
  if (reason) listed.reason = reason
  return listed
}

/** Rows ordered as they appear in the head file. */
export function byPosition<T extends { row: number }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => a.row - b.row)
}
