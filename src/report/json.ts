/**
 * The JSON report (schemaVersion 1). Other tools and the project's evaluation parse it, so keys
 * come out in the order DESIGN.md shows whatever order the checks built their objects in, and the
 * extensions (`explanation`, `details`, `notes`, `rows.modified`, `reason`, `hash`) only ever
 * follow the contract's own keys.
 */
import type { FileReport, Finding, FindingRow, JsonValue, Report } from '../types.js'
import { computeVerdict, type VerdictOptions } from './verdict.js'

export interface BuildReportInput extends Partial<VerdictOptions> {
  toolVersion: string
  base: string
  head: string
  files: FileReport[]
  notes?: string[]
}

export function buildReport(input: BuildReportInput): Report {
  const { verdict, failures, warnings } = computeVerdict(input.files, {
    warnOnly: input.warnOnly ?? false,
    failOn: input.failOn ?? 'fail'
  })
  return orderReport({
    schemaVersion: 1,
    tool: { name: 'dataset-gate', version: input.toolVersion },
    base: input.base,
    head: input.head,
    verdict,
    summary: { files: input.files.length, failures, warnings },
    files: input.files,
    notes: input.notes
  })
}

/** Pretty-printed JSON with a trailing newline, keys in contract order. */
export function serializeReport(report: Report): string {
  return `${JSON.stringify(orderReport(report), null, 2)}\n`
}

function orderReport(report: Report): Report {
  return {
    schemaVersion: 1,
    tool: { name: report.tool.name, version: report.tool.version },
    base: report.base,
    head: report.head,
    verdict: report.verdict,
    summary: {
      files: report.summary.files,
      failures: report.summary.failures,
      warnings: report.summary.warnings
    },
    files: report.files.map(orderFile),
    ...(report.notes !== undefined && report.notes.length > 0 ? { notes: [...report.notes] } : {})
  }
}

function orderFile(file: FileReport): FileReport {
  return {
    path: file.path,
    previousPath: file.previousPath,
    status: file.status,
    format: file.format,
    rows: {
      base: file.rows.base,
      head: file.rows.head,
      added: file.rows.added,
      removed: file.rows.removed,
      ...(file.rows.modified !== undefined ? { modified: file.rows.modified } : {})
    },
    findings: file.findings.map(orderFinding)
  }
}

function orderFinding(finding: Finding): Finding {
  const details =
    finding.details === undefined ? null : toJsonValue(finding.details, new WeakSet(), 0)
  return {
    check: finding.check,
    severity: finding.severity,
    title: finding.title,
    message: finding.message,
    ...(isFiniteNumber(finding.value) ? { value: finding.value } : {}),
    ...(isFiniteNumber(finding.threshold) ? { threshold: finding.threshold } : {}),
    rows: finding.rows.map(orderRow),
    ...(finding.explanation !== undefined ? { explanation: finding.explanation } : {}),
    ...(isJsonObject(details) ? { details } : {})
  }
}

function orderRow(row: FindingRow): FindingRow {
  return {
    ...(row.line !== undefined ? { line: row.line } : {}),
    row: row.row,
    excerpt: row.excerpt,
    ...(row.reason !== undefined ? { reason: row.reason } : {}),
    ...(row.hash !== undefined ? { hash: row.hash } : {})
  }
}

function isJsonObject(value: JsonValue): value is { [key: string]: JsonValue } {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function isFiniteNumber(value: number | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}

const MAX_DEPTH = 32

/**
 * Checks attach free-form evidence; this keeps it valid JSON (no NaN, no cycles, no bigint
 * failure) instead of letting one odd value break the whole report.
 */
export function toJsonValue(value: unknown, seen: WeakSet<object>, depth: number): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'bigint') return value.toString()
  if (typeof value !== 'object') return null
  if (depth >= MAX_DEPTH || seen.has(value)) return null
  seen.add(value)
  try {
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString()
    if (Array.isArray(value) || value instanceof Set) {
      return Array.from(value, (item: unknown) => toJsonValue(item, seen, depth + 1))
    }
    const entries = value instanceof Map ? Array.from(value.entries()) : Object.entries(value)
    const result: { [key: string]: JsonValue } = {}
    for (const [key, item] of entries) {
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue
      result[String(key)] = toJsonValue(item, seen, depth + 1)
    }
    return result
  } finally {
    seen.delete(value)
  }
}
