/**
 * Bounds on one run, whatever the pull request holds: rows per file version, bytes per row and
 * the run's wall-clock time. A limit that bites always becomes a finding: a gate whose analysis
 * was cut short must never look like a pass.
 */
import type { RowSource } from './analysis/types.js'
import type { RecordSource, SourceRecord } from './formats/index.js'
import { parseJsonlRecord } from './formats/jsonl.js'
import { rowHash } from './dataset/hash.js'
import { redactSensitive } from './scan/redact.js'
import type { Finding, FindingRow, JsonValue, ReadEvent, Row, Severity } from './types.js'

export interface Limits {
  maxRows: number
  maxRowBytes: number
  severity: Severity
}

/** The wall-clock budget of a run, started when the run starts. */
export class TimeBudget {
  private readonly deadline: number

  constructor(
    readonly seconds: number,
    private readonly clock: () => number = Date.now,
    readonly started: number = clock()
  ) {
    this.deadline = started + seconds * 1000
  }

  get exceeded(): boolean {
    return this.clock() >= this.deadline
  }

  get elapsedSeconds(): number {
    return (this.clock() - this.started) / 1000
  }
}

export type CutReason = 'max-rows' | 'time-budget'

/** Where an oversize row was and what it looked like; its values are not kept (they are huge). */
interface OversizeRow {
  line?: number
  row: number
  bytes: number
  hash: string
  excerpt: string
}

/** Reading the clock for every row would cost more than the rows; this often is precise enough. */
const BUDGET_CHECK_EVERY = 256
const EXCERPT_CHARS = 200

/**
 * One version (base or head) of a file read under the limits. The analysis reads a version
 * several times; each pass is cut at the same row, so the passes agree with each other, and what
 * was cut is remembered for the findings.
 */
export class LimitedVersion {
  cut: CutReason | null = null
  /** Records (rows and unreadable lines) read in the longest pass. */
  recordsRead = 0
  private readonly oversize = new Map<number, OversizeRow>()

  constructor(
    private readonly read: RowSource,
    private readonly limits: Limits,
    private readonly budget?: TimeBudget,
    private readonly rawRecords?: RecordSource
  ) {}

  readonly source: RowSource = () => this.events()

  /** The version's raw records (JSON Lines only), cut where its rows are cut. */
  get records(): RecordSource | undefined {
    const raw = this.rawRecords
    return raw ? () => this.limitedRecords(raw) : undefined
  }

  /** Rows over `maxRowBytes`, which the analysis never saw. */
  get oversizeRows(): OversizeRow[] {
    return [...this.oversize.values()].sort((a, b) => a.row - b.row)
  }

  private async *events(): AsyncGenerator<ReadEvent> {
    let records = 0
    // Leaving the loop early closes the reader, which ends the git process behind it.
    for await (const event of this.read()) {
      if (!this.admit(records++)) return
      if (event.type === 'row' && !surelySmall(event.row, this.limits.maxRowBytes)) {
        if (rowBytes(event.row.values, this.limits.maxRowBytes) > this.limits.maxRowBytes) {
          this.remember(event.row)
          continue
        }
      }
      yield event
    }
  }

  private async *limitedRecords(raw: RecordSource): AsyncGenerator<SourceRecord> {
    let records = 0
    for await (const record of raw()) {
      if (!this.admit(records++)) return
      // A row can weigh more than its text (every number counts 8 bytes, and takes at least two
      // characters with its comma), so only lines too short to pass the limit skip the measure.
      const surelySmall = record.bytes.length * 4 + 8 <= this.limits.maxRowBytes
      if (!surelySmall && this.isOversize(record)) continue
      yield record
    }
  }

  /**
   * Whether a pass may read its record number `index` (0-based), counting it as read; false once
   * the time budget or the row limit cuts the pass (and why is noted).
   */
  private admit(index: number): boolean {
    if (index % BUDGET_CHECK_EVERY === 0 && this.budget?.exceeded) {
      this.cut = 'time-budget'
      return false
    }
    if (index >= this.limits.maxRows) {
      if (this.cut === null) this.cut = 'max-rows'
      return false
    }
    if (index + 1 > this.recordsRead) this.recordsRead = index + 1
    return true
  }

  /** Whether a raw line is a row that the parsing passes skip as too large (then remembered). */
  private isOversize(record: SourceRecord): boolean {
    // Parsed as the parsing passes parse it, so both passes agree on what is a row.
    const event = parseJsonlRecord(record)
    if (event.type !== 'row') return false
    if (rowBytes(event.row.values, this.limits.maxRowBytes) <= this.limits.maxRowBytes) return false
    this.remember(event.row)
    return true
  }

  private remember(row: Row): void {
    if (this.oversize.has(row.row)) return
    // Measured and hashed once, on the first pass that meets the row.
    this.oversize.set(row.row, {
      ...(row.line !== undefined ? { line: row.line } : {}),
      row: row.row,
      bytes: rowBytes(row.values),
      hash: rowHash(row.values),
      excerpt: redactSensitive(preview(row.values, EXCERPT_CHARS))
    })
  }
}

/**
 * A row whose source text is this short cannot weigh more than the limit: its UTF-8 is at most 3
 * bytes per UTF-16 unit, and a value counts at most 4 times its text (a number, 8 bytes, takes two
 * characters or more with its separator). Spares measuring almost every row.
 */
function surelySmall(row: Row, limit: number): boolean {
  return row.text !== undefined && row.text.length * 12 + 8 <= limit
}

/**
 * The UTF-8 size of a row's keys and values (8 bytes per number, boolean or null), counted only
 * until it passes `stopAbove`: most rows are small, and a huge one need not be measured exactly.
 */
export function rowBytes(values: JsonValue, stopAbove = Number.POSITIVE_INFINITY): number {
  let total = 0
  // An explicit stack: the readers bound nesting, but this must not depend on it.
  const stack: JsonValue[] = [values]
  while (stack.length > 0 && total <= stopAbove) {
    const value = stack.pop() as JsonValue
    if (typeof value === 'string') total += Buffer.byteLength(value, 'utf8')
    else if (value === null || typeof value !== 'object') total += 8
    else if (Array.isArray(value)) for (const item of value) stack.push(item)
    else {
      for (const [key, item] of Object.entries(value)) {
        total += Buffer.byteLength(key, 'utf8')
        stack.push(item)
      }
    }
  }
  return total
}

/** The findings for what the limits did to one file; empty when they did not bite. */
export function limitFindings(
  versions: { base: LimitedVersion | null; head: LimitedVersion | null },
  limits: Limits,
  budget: TimeBudget
): Finding[] {
  const findings: Finding[] = []
  for (const side of ['base', 'head'] as const) {
    const version = versions[side]
    if (version?.cut === 'time-budget') {
      findings.push(
        timeBudgetCutFinding(
          budget,
          limits.severity,
          `while the ${side} version was read, after ${count(version.recordsRead, 'record')}`
        )
      )
      return findings
    }
    if (version?.cut === 'max-rows') {
      findings.push(
        limitFinding(
          limits.severity,
          `Analysis cut at ${limits.maxRows.toLocaleString('en-US')} rows`,
          `Only the first ${count(limits.maxRows, 'record')} of the ${side} version were read (limits.max-rows); the rest of the file was not analysed`,
          limits.maxRows
        )
      )
    }
  }
  const oversize = newOversizeRows(versions.base, versions.head)
  if (oversize.length) {
    findings.push({
      ...limitFinding(
        limits.severity,
        'Rows too large to analyse',
        `${count(oversize.length, 'row')} of the head version ${oversize.length === 1 ? 'is' : 'are'} larger than ${limits.maxRowBytes.toLocaleString('en-US')} bytes (limits.max-row-bytes) and ${oversize.length === 1 ? 'was' : 'were'} not analysed`,
        limits.maxRowBytes
      ),
      value: oversize.length,
      rows: oversize.map(oversizeFindingRow)
    })
  }
  return findings
}

/** Head rows over the size limit that the base does not already hold. */
function newOversizeRows(base: LimitedVersion | null, head: LimitedVersion | null): OversizeRow[] {
  if (!head) return []
  const known = new Map<string, number>()
  for (const row of base?.oversizeRows ?? []) known.set(row.hash, (known.get(row.hash) ?? 0) + 1)
  return head.oversizeRows.filter((row) => {
    const copies = known.get(row.hash) ?? 0
    if (copies > 0) known.set(row.hash, copies - 1)
    return copies === 0
  })
}

function oversizeFindingRow({ line, row, bytes, hash, excerpt }: OversizeRow): FindingRow {
  return {
    ...(line !== undefined ? { line } : {}),
    row,
    excerpt,
    reason: `${bytes.toLocaleString('en-US')} bytes`,
    hash
  }
}

/** A file whose analysis the clock interrupted; `when` says at which point. */
export function timeBudgetCutFinding(
  budget: TimeBudget,
  severity: Severity,
  when: string
): Finding {
  return limitFinding(
    severity,
    'Analysis stopped: time budget exceeded',
    `The run's time budget (limits.time-budget-seconds = ${budget.seconds}) ran out ${when}; this file's analysis is incomplete and its other findings are not reported`,
    budget.seconds
  )
}

/** A file the run had no time left for. */
export function budgetExceededFinding(budget: TimeBudget, severity: Severity): Finding {
  return {
    check: 'file.unreadable',
    severity,
    title: 'Dataset file not analysed',
    message: `Not analysed: time budget exceeded (limits.time-budget-seconds = ${budget.seconds}, ${budget.elapsedSeconds.toFixed(0)} s elapsed)`,
    value: budget.seconds,
    rows: [],
    explanation:
      'The run stops starting new files once its time budget is spent, so that it always ends with a ' +
      'report. A file that was not analysed cannot be let through: raise the budget or split the change.'
  }
}

function limitFinding(
  severity: Severity,
  title: string,
  message: string,
  threshold: number
): Finding {
  return {
    check: 'file.limit',
    severity,
    title,
    message,
    threshold,
    rows: [],
    explanation:
      'A policy limit kept part of this file from being analysed. What was not analysed was not ' +
      'checked, so the limit is reported rather than passed over; raise it in `limits` if the data ' +
      'is expected to be this large.'
  }
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`
}

/**
 * JSON text of the row's beginning, built piecewise so that a row of megabytes is never
 * serialised whole.
 */
export function preview(value: JsonValue, maxChars: number): string {
  let out = ''
  const emit = (text: string): boolean => {
    out += text
    return out.length < maxChars
  }
  const walk = (node: JsonValue, depth: number): boolean => {
    if (typeof node === 'string') return emit(JSON.stringify(node.slice(0, maxChars)))
    if (node === null || typeof node !== 'object') return emit(JSON.stringify(node))
    if (depth > 32) return emit('…')
    if (Array.isArray(node)) {
      if (!emit('[')) return false
      for (let i = 0; i < node.length; i++) {
        if ((i > 0 && !emit(',')) || !walk(node[i], depth + 1)) return false
      }
      return emit(']')
    }
    if (!emit('{')) return false
    let first = true
    for (const key in node) {
      if (!first && !emit(',')) return false
      first = false
      if (!emit(`${JSON.stringify(key.slice(0, maxChars))}:`) || !walk(node[key], depth + 1))
        return false
    }
    return emit('}')
  }
  walk(value, 0)
  return out.length > maxChars ? `${out.slice(0, maxChars - 1)}…` : out
}

/** Deeper YAML than this is refused before parsing; real policies and manifests need a handful. */
const MAX_YAML_FLOW_DEPTH = 64
const MAX_YAML_LINE_PREFIX = 128

/**
 * Why YAML written by a pull request is too deeply nested to hand to the parser, or null. The
 * `yaml` package recurses per level; near the stack limit V8 can abort the whole process (not
 * throw) when a regular expression is compiled there, so depth is bounded up front. The scan is
 * conservative: brackets inside strings count too.
 */
export function yamlNestingProblem(text: string): string | null {
  let flow = 0
  let prefix = 0
  let lineStart = true
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x0a) {
      lineStart = true
      prefix = 0
      continue
    }
    // Indentation and block indicators (`- `, `? `, `: `) nest block collections.
    if (lineStart && (c === 0x20 || c === 0x09 || c === 0x2d || c === 0x3f || c === 0x3a)) {
      if (++prefix > MAX_YAML_LINE_PREFIX)
        return `line ${lineNumber(text, i)} is indented or nested more than ${MAX_YAML_LINE_PREFIX} levels`
      continue
    }
    lineStart = false
    if (c === 0x5b || c === 0x7b) {
      if (++flow > MAX_YAML_FLOW_DEPTH)
        return `brackets nested more than ${MAX_YAML_FLOW_DEPTH} levels at line ${lineNumber(text, i)}`
    } else if ((c === 0x5d || c === 0x7d) && flow > 0) flow--
  }
  return null
}

function lineNumber(text: string, index: number): number {
  let line = 1
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++
  return line
}
