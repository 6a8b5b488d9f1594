/**
 * The shared vocabulary of Dataset Gate: rows as read from a file, findings as checks report them,
 * and the JSON report contract (schemaVersion 1, see docs/ARCHITECTURE.md and DESIGN.md).
 */

export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }
export type RowValues = Record<string, JsonValue>

/** Where a row sits in the head (or base) file. `line` is absent for formats without lines (Parquet). */
export interface RowRef {
  /** 1-based line of the file where the row starts (CSV: the header is line 1). */
  line?: number
  /** 0-based data-row index in the file. */
  row: number
}

export interface Row extends RowRef {
  values: RowValues
  /** The record's own text where the format has one per row (a JSON Lines line). */
  text?: string
}

/** A piece of the file that could not be read as a row; becomes a `parse.error` finding. */
export interface ParseProblem {
  line?: number
  row?: number
  message: string
  /** Raw text of the offending record, untrusted. */
  excerpt?: string
}

export type ReadEvent = { type: 'row'; row: Row } | { type: 'problem'; problem: ParseProblem }

export type DatasetFormat = 'jsonl' | 'csv' | 'tsv' | 'json' | 'parquet'

export type FileStatus = 'added' | 'modified' | 'deleted' | 'renamed'

export type Severity = 'fail' | 'warn' | 'notice'
export type Verdict = 'pass' | 'warn' | 'fail'

/** A row listed by a finding. `excerpt` is untrusted text (already redacted where the check requires it). */
export interface FindingRow extends RowRef {
  excerpt: string
  /** Why this particular row is listed (e.g. "carries token “cf”, label 1"); optional. */
  reason?: string
  /** Canonical hash of the row's content; used for waivers and review-comment ids. */
  hash?: string
}

export interface Finding {
  check: string
  severity: Severity
  title: string
  message: string
  value?: number
  threshold?: number
  rows: FindingRow[]
  /** The check's one-paragraph explanation, for reviewers. Extension of the contract. */
  explanation?: string
  /** Structured evidence (trigger token and its association, brand shares, code points...). Extension. */
  details?: Record<string, unknown>
}

export interface FileReport {
  path: string
  previousPath: string | null
  status: FileStatus
  format: DatasetFormat | null
  rows: { base: number; head: number; added: number; removed: number; modified?: number }
  findings: Finding[]
}

export interface Report {
  schemaVersion: 1
  tool: { name: 'dataset-gate'; version: string }
  base: string
  head: string
  verdict: Verdict
  summary: { files: number; failures: number; warnings: number }
  files: FileReport[]
  /** Messages about the run as a whole (policy changed by the PR, limits hit...). Extension. */
  notes?: string[]
}
