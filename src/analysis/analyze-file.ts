import { pairModified } from '../diff/modified.js'
import {
  identityOfText,
  identityOfValues,
  IdentityList,
  IdentityMultiset,
  type Identity
} from '../diff/identity.js'
import { labelOf, rowFeatures } from '../dataset/features.js'
import { DatasetProfileBuilder } from '../dataset/profile.js'
import { hashText, normalizeForMatch, rowHash } from '../dataset/hash.js'
import { inferShape, type ShapeHints } from '../dataset/shape.js'
import { distinctTerms, tokenize } from '../dataset/tokens.js'
import type { AddedRow, DatasetShape, RemovedRow, RowFeatures } from '../dataset/types.js'
import type { ParseProblem, Row, RowValues } from '../types.js'
import { murmur3 } from '../sketch/hash.js'
import type { RecordSource, SourceRecord } from '../formats/index.js'
import { parseJsonlRecord } from '../formats/jsonl.js'
import { MAX_NGRAM, type Interest } from './interest.js'
import { BaseScanStats, baseTextSummary } from './base-text.js'
import { openBaseText } from './base-text-pipeline.js'
import { targetGroups } from './groups.js'
import { FILTERED_FROM_ROWS, TermRowFilter } from './term-rows.js'
import { type Analysis, type BaseSummary, type FileContext, type RowSource } from './types.js'

const SHAPE_SAMPLE = 1000
/** Base rows the character model is fitted on, at most (a sample of larger files). */
const TEXT_MODEL_ROWS = 4000
/** Base rows on which common terms are counted (see SampledTermCounter). */
const TERM_SAMPLE_ROWS = 20_000
const SAMPLE_SEED = 0x2545f491
export { MAX_NGRAM }
export { MAX_MODEL_TEXT, MIN_MODEL_TEXT, modelText } from './base-text.js'
/** Purity below which no term can be a trigger whatever the policy (trigger.token's lowest useful). */
const MIN_TRIGGER_PURITY = 0.5
/** Share of added answers below which no term is counted as possible injected content. */
const MIN_OUTPUT_TERM_SHARE = 0.01
const PROGRESS_EVERY = 10_000
/**
 * Head lines whose text the base lacks are held until the base has been read. When they are this
 * many, and more than half the base, the file was most likely rewritten (keys reordered, spacing
 * changed) rather than extended: the rows are then matched by their canonical JSON instead, which
 * holds only the rows that really are new.
 */
const MAX_TEXT_CANDIDATES = 50_000

export type AnalysisPass = 'index-base' | 'read-head' | 'analyse-base'

export interface AnalysisProgress {
  pass: AnalysisPass
  /** Rows read so far in this pass. */
  rows: number
  /** The pass is over (`rows` is its total). */
  done: boolean
}

export interface AnalyzeOptions {
  hints?: ShapeHints
  /**
   * The base's raw records (JSON Lines): the first base pass then recognises rows by their text
   * without parsing them. Without it, rows are recognised by their canonical JSON.
   */
  baseRecords?: RecordSource
  /** The head's raw records likewise: the head pass then parses only the lines the base lacks. */
  headRecords?: RecordSource
  /**
   * Whether the base's text statistics are gathered in a worker thread beside the main one:
   * 'auto' for large bases (the default), or always or never (tests).
   */
  textWorker?: 'auto' | 'always' | 'never'
  /** Unmatched head lines held before matching by canonical JSON instead (default 50,000). */
  maxTextCandidates?: number
  /** Called every few thousand rows and at the end of each pass, for progress output. */
  onProgress?: (progress: AnalysisProgress) => void
}

type Candidate = AddedRow

/** What reading the head against the base's identities found. */
interface HeadReading {
  /** Base identities by row index, with the copies no head row used up (the removed rows'). */
  baseIdentities: IdentityList
  unmatched: IdentityMultiset
  baseRows: number
  /** The head's own layout, learnt from its first rows. */
  shape: DatasetShape
  /**
   * Read by line text without parsing the lines the base holds too: the counts, profile, labels
   * and problems of those are added from the base's full pass, then the candidates' profile.
   */
  completedByBase: boolean
  rows: number
  labels: Map<string, number>
  problems: ParseProblem[]
  profile: DatasetProfileBuilder
  /** Head rows with no base row of the same identity: added, or rewritten base rows. */
  candidates: Candidate[]
}

/**
 * Compares the base and head versions of one dataset file in three streaming passes: the base's
 * rows are indexed by identity (for JSON Lines without parsing them), the head is read against
 * that index (its unmatched rows are the candidate added rows), then the base is read once in full
 * for its statistics, restricted to what the added rows need, and for the removed rows. Only the
 * added and removed rows are held in memory.
 */
export async function analyzeFile(
  file: FileContext,
  readBase: RowSource | null,
  readHead: RowSource | null,
  options: AnalyzeOptions = {}
): Promise<Analysis> {
  const report = options.onProgress ?? (() => {})
  const hints = options.hints

  // By line text when the base's raw records are at hand (its layout is then learnt from them, so
  // the base is not opened once more for it); else, or when the file looks rewritten, by values.
  let shape: DatasetShape | null = null
  let head: HeadReading | null = null
  if (options.baseRecords && readBase) {
    const sample: RowValues[] = []
    const index = await indexBase(textIdentities(options.baseRecords, report, sample))
    shape = inferShape(sample, hints)
    const limit = options.maxTextCandidates ?? MAX_TEXT_CANDIDATES
    head = options.headRecords
      ? await readHeadRecords(options.headRecords, index, shape, hints, report, limit)
      : await readHeadAgainst(readHead, index, shape, hints, report, limit)
  }
  shape ??= await sampleShape(readBase ?? readHead, hints)
  head ??= await readHeadAgainst(
    readHead,
    await indexBase(readBase ? valueIdentities(readBase, report) : null),
    shape,
    hints,
    report,
    null
  )
  if (!head) throw new Error('rows matched by canonical JSON are never cut short')
  const columns = shape.columns.map((c) => c.name)
  const headShape = readBase && readHead ? head.shape : shape

  // The full base pass: statistics restricted to what the candidate rows need, and removed rows.
  const interest = interestOf(head.candidates, shape)
  const baseProblems: ParseProblem[] = []
  const baseProfile = new DatasetProfileBuilder(columns)
  const copies = new BaseCopies(head.candidates)
  const removedCandidates: RemovedRow[] = []
  const text = await openBaseText(
    {
      input: interest.input,
      output: interest.output,
      labelled: shape.kind === 'classification',
      hasLabels: shape.labelField !== undefined,
      termShare: Math.min(1, TERM_SAMPLE_ROWS / Math.max(head.baseRows, 1)),
      modelShare: Math.min(1, TEXT_MODEL_ROWS / Math.max(head.baseRows, 1))
    },
    useTextWorker(options.textWorker ?? 'auto', head.baseRows)
  )
  const scans = new BaseScanStats()
  let baseRows = 0
  // The base records the head holds unchanged (see HeadReading.completedByBase).
  const unchanged = head.completedByBase ? head : null
  try {
    if (readBase) {
      for await (const event of readBase()) {
        if (event.type === 'problem') {
          baseProblems.push(event.problem)
          const at = event.problem.row
          if (
            unchanged &&
            at !== undefined &&
            !unchanged.baseIdentities.takeFrom(at, unchanged.unmatched)
          )
            unchanged.problems.push(event.problem)
          continue
        }
        const row = event.row
        if (++baseRows % PROGRESS_EVERY === 0)
          report({ pass: 'analyse-base', rows: baseRows, done: false })
        baseProfile.add(row.values)
        const gone = head.baseIdentities.takeFrom(row.row, head.unmatched)
        if (unchanged && !gone) {
          unchanged.rows++
          unchanged.profile.add(row.values)
          const label = labelOf(row.values, shape)
          if (label !== null) increment(unchanged.labels, label)
        }
        const features = safeFeatures(row, shape, [])
        if (!features) continue
        if (gone) {
          removedCandidates.push(changedRow(row, features))
        }
        copies.count(row.values, features)
        // Samples are drawn by content, so they do not depend on row order.
        const draw =
          head.baseIdentities.draw(row.row) ?? murmur3(features.allText, SAMPLE_SEED) / 0x100000000
        scans.add(features.allText, features.output)
        const { input, output, label } = features
        // The whole text travels to the worker only when the model needs it (see modelText).
        const allText = input || output ? '' : features.allText
        const wait = text.add({ input, output, label, allText, draw })
        if (wait) await wait
      }
      report({ pass: 'analyse-base', rows: baseRows, done: true })
    }
  } catch (error) {
    text.abort()
    throw error
  }
  const summary: BaseSummary = {
    ...baseTextSummary(await text.finish()),
    domains: scans.domains,
    codePoints: scans.codePoints,
    homoglyphRows: scans.homoglyphRows,
    disclosureRows: scans.disclosureRows,
    rowCount: baseRows,
    rowHashes: copies,
    problems: baseProblems
  }

  if (unchanged) {
    for (const row of unchanged.candidates) {
      unchanged.profile.add(row.values)
      const label = labelOf(row.values, shape)
      if (label !== null) increment(unchanged.labels, label)
    }
  }
  const { added, removed } = reconcile(head.candidates, removedCandidates)
  const addedProfile = new DatasetProfileBuilder(columns)
  for (const row of added) addedProfile.add(row.values)
  return {
    file,
    shape,
    headShape,
    base: summary,
    head: { rowCount: head.rows, labelCounts: head.labels, problems: head.problems },
    added,
    removed,
    profiles: {
      base: baseProfile.finish(),
      head: head.profile.finish(),
      added: addedProfile.finish()
    },
    modified: pairModified(added, removed, shape)
  }
}

/** Bases smaller than this are summarised on the main thread: a worker would not pay for itself. */
const TEXT_WORKER_MIN_ROWS = 50_000

function useTextWorker(mode: 'auto' | 'always' | 'never', baseRows: number): boolean {
  return mode === 'always' || (mode === 'auto' && baseRows >= TEXT_WORKER_MIN_ROWS)
}

/** Identities of the base's rows in file order: one per record, keyed by its row index. */
type IdentityStream = AsyncIterable<{ row: number; identity: Identity }>

/** A record's identity: of its line's text (of all of it for a line too long to hold). */
function recordIdentity(record: SourceRecord): Identity {
  return record.overlong?.digest ?? identityOfText(record.bytes)
}

/** The base's records by line text; the first few are parsed into `sample`, for the layout. */
async function* textIdentities(
  records: RecordSource,
  report: (progress: AnalysisProgress) => void,
  sample: RowValues[]
): IdentityStream {
  let rows = 0
  for await (const record of records()) {
    if (++rows % PROGRESS_EVERY === 0) report({ pass: 'index-base', rows, done: false })
    if (sample.length < SHAPE_SAMPLE) {
      const event = parseJsonlRecord(record)
      if (event.type === 'row') sample.push(event.row.values)
    }
    yield { row: record.row, identity: recordIdentity(record) }
  }
  report({ pass: 'index-base', rows, done: true })
}

async function* valueIdentities(
  read: RowSource,
  report: (progress: AnalysisProgress) => void
): IdentityStream {
  let rows = 0
  for await (const row of rowsOf(read, [])) {
    if (++rows % PROGRESS_EVERY === 0) report({ pass: 'index-base', rows, done: false })
    yield { row: row.row, identity: identityOfValues(row.values) }
  }
  report({ pass: 'index-base', rows, done: true })
}

/** The base's rows by identity: in file order, and as a multiset the head's rows use up. */
interface BaseIndex {
  identities: IdentityList
  unmatched: IdentityMultiset
  rows: number
}

async function indexBase(base: IdentityStream | null): Promise<BaseIndex> {
  const index: BaseIndex = {
    identities: new IdentityList(),
    unmatched: new IdentityMultiset(),
    rows: 0
  }
  if (base) {
    for await (const { row, identity } of base) {
      index.identities.set(row, identity)
      index.unmatched.add(identity)
      index.rows++
    }
  }
  return index
}

/**
 * Reads the head against the base's index. With a text candidate limit, head rows are identified
 * by their line's text like the base's records, and the reading gives up (null) when so many
 * lines are unmatched that the file looks rewritten.
 */
async function readHeadAgainst(
  readHead: RowSource | null,
  index: BaseIndex,
  shape: DatasetShape,
  hints: ShapeHints | undefined,
  report: (progress: AnalysisProgress) => void,
  textCandidateLimit: number | null
): Promise<HeadReading | null> {
  const byText = textCandidateLimit !== null
  const { unmatched } = index
  const reading = emptyReading(index, shape, false)
  if (!readHead) return reading
  const candidateLimit = Math.max(textCandidateLimit ?? 0, index.rows / 2)
  const sample: RowValues[] = []
  for await (const row of rowsOf(readHead, reading.problems)) {
    if (++reading.rows % PROGRESS_EVERY === 0)
      report({ pass: 'read-head', rows: reading.rows, done: false })
    if (sample.length < SHAPE_SAMPLE) sample.push(row.values)
    reading.profile.add(row.values)
    const label = labelOf(row.values, shape)
    if (label !== null) increment(reading.labels, label)
    const identity =
      byText && row.text !== undefined ? identityOfText(row.text) : identityOfValues(row.values)
    if (unmatched.take(identity)) continue
    const features = safeFeatures(row, shape, reading.problems)
    if (!features) continue
    reading.candidates.push(changedRow(row, features))
    // Leaving the loop closes the reader (and the git process behind it).
    if (byText && reading.candidates.length > candidateLimit) return null
  }
  reading.shape = inferShape(sample, hints)
  report({ pass: 'read-head', rows: reading.rows, done: true })
  return reading
}

function emptyReading(
  index: BaseIndex,
  shape: DatasetShape,
  completedByBase: boolean
): HeadReading {
  return {
    baseIdentities: index.identities,
    unmatched: index.unmatched,
    baseRows: index.rows,
    shape,
    completedByBase,
    rows: 0,
    labels: new Map(),
    problems: [],
    profile: new DatasetProfileBuilder(shape.columns.map((c) => c.name)),
    candidates: []
  }
}

/** An added or removed row as the checks see it. */
function changedRow(row: Row, features: RowFeatures): AddedRow {
  return { line: row.line, row: row.row, values: row.values, hash: rowHash(row.values), features }
}

/**
 * Reads the head's raw records against the base's index by line text, parsing only the lines the
 * base does not hold (and the first few, for the head's layout): the lines it does hold are
 * parsed once, in the base's full pass, which completes this reading (`completedByBase`). Gives
 * up (null) when so many lines are unmatched that the file looks rewritten.
 */
async function readHeadRecords(
  records: RecordSource,
  index: BaseIndex,
  shape: DatasetShape,
  hints: ShapeHints | undefined,
  report: (progress: AnalysisProgress) => void,
  textCandidateLimit: number
): Promise<HeadReading | null> {
  const reading = emptyReading(index, shape, true)
  const candidateLimit = Math.max(textCandidateLimit, index.rows / 2)
  const sample: RowValues[] = []
  let count = 0
  for await (const record of records()) {
    if (++count % PROGRESS_EVERY === 0) report({ pass: 'read-head', rows: count, done: false })
    const matched = index.unmatched.take(recordIdentity(record))
    if (matched && sample.length >= SHAPE_SAMPLE) continue
    const event = parseJsonlRecord(record)
    if (event.type === 'row' && sample.length < SHAPE_SAMPLE) sample.push(event.row.values)
    if (matched) continue
    if (event.type === 'problem') {
      reading.problems.push(event.problem)
      continue
    }
    const row = event.row
    reading.rows++
    const features = safeFeatures(row, shape, reading.problems)
    if (!features) continue
    reading.candidates.push(changedRow(row, features))
    if (reading.candidates.length > candidateLimit) return null
  }
  reading.shape = inferShape(sample, hints)
  report({ pass: 'read-head', rows: count, done: true })
  return reading
}

/**
 * A head row and a base row whose lines differ but whose canonical JSON is the same (keys in
 * another order, other spacing) are the same row: neither is added nor removed. The earliest
 * candidates of each are paired, as the multiset of rows would pair them.
 */
function reconcile(
  candidates: Candidate[],
  removedCandidates: RemovedRow[]
): { added: AddedRow[]; removed: RemovedRow[] } {
  const unmatchedByHash = new Map<string, number>()
  for (const row of removedCandidates) increment(unmatchedByHash, row.hash)
  if (!unmatchedByHash.size) return { added: candidates, removed: removedCandidates }
  const pairedByHash = new Map<string, number>()
  const added = candidates.filter((row) => {
    const left = unmatchedByHash.get(row.hash) ?? 0
    if (left === 0) return true
    unmatchedByHash.set(row.hash, left - 1)
    increment(pairedByHash, row.hash)
    return false
  })
  const removed = removedCandidates.filter((row) => {
    const paired = pairedByHash.get(row.hash) ?? 0
    if (paired === 0) return true
    pairedByHash.set(row.hash, paired - 1)
    return false
  })
  return { added, removed }
}

/**
 * How many base rows equal each candidate row (duplicates checks judge a flood against the base).
 * Only base rows with the same text views can be equal, so only those are hashed.
 */
class BaseCopies {
  private readonly fingerprints = new Set<number>()
  private readonly keys = new Set<string>()
  private readonly hashes = new Set<string>()
  private readonly counts = new Map<string, number>()

  constructor(candidates: Candidate[]) {
    for (const row of candidates) {
      const key = matchKey(row.features)
      this.fingerprints.add(fingerprint(key))
      this.keys.add(key)
      this.hashes.add(row.hash)
    }
  }

  count(values: RowValues, features: RowFeatures): void {
    const key = matchKey(features)
    // A few characters and the length rule out almost every row before the whole text is hashed.
    if (!this.fingerprints.has(fingerprint(key)) || !this.keys.has(key)) return
    const hash = rowHash(values)
    if (this.hashes.has(hash)) increment(this.counts, hash)
  }

  copies(hash: string): number {
    return this.counts.get(hash) ?? 0
  }
}

function fingerprint(text: string): number {
  const n = text.length
  if (n === 0) return 0
  let h = Math.imul(n, 0x9e3779b1)
  for (const at of [0, n >> 2, n >> 1, n - (n >> 2) - 1, n - 1])
    h = Math.imul(h ^ text.charCodeAt(at), 0x01000193)
  return h >>> 2
}

/** A text that equal rows share: one of their views, whichever is not empty. */
function matchKey({ input, output, allText }: RowFeatures): string {
  return input || output || allText
}

async function sampleShape(read: RowSource | null, hints?: ShapeHints): Promise<DatasetShape> {
  const sample: RowValues[] = []
  if (read) {
    for await (const event of read()) {
      if (event.type === 'row') sample.push(event.row.values)
      if (sample.length >= SHAPE_SAMPLE) break
    }
  }
  return inferShape(sample, hints)
}

async function* rowsOf(read: RowSource, problems: ParseProblem[]): AsyncGenerator<Row> {
  for await (const event of read()) {
    if (event.type === 'row') yield event.row
    else problems.push(event.problem)
  }
}

/** A row too deeply nested to walk is reported, not allowed to crash the run. */
function safeFeatures(row: Row, shape: DatasetShape, problems: ParseProblem[]): RowFeatures | null {
  try {
    return rowFeatures(row.values, shape)
  } catch (error) {
    if (!(error instanceof RangeError)) throw error
    problems.push({ line: row.line, row: row.row, message: 'row is nested too deeply to analyse' })
    return null
  }
}

/**
 * What the base pass must count, decided by the added rows: in labelled data every prompt word (the
 * label model needs them); prompt terms that at least two added rows share with a common target
 * (the only possible triggers); answer terms in at least 1% of the added answers (the only possible
 * injected content); and the texts whose base labels matter for flips. Keeping the pass to
 * these makes it proportional to the base size with a small constant, and bounds its memory.
 */
function interestOf(added: AddedRow[], shape: DatasetShape): { input: Interest; output: Interest } {
  const groups = targetGroups(added, shape)
  const labelled = shape.kind === 'classification'
  const minOutputRows = Math.max(2, Math.ceil(added.length * MIN_OUTPUT_TERM_SHARE))
  // Most n-grams of the added rows are in one row only and cannot qualify. With many added rows,
  // a first count in a filter (which can only overcount) keeps them out of the maps below, whose
  // entries would otherwise be most of the run's memory.
  let estimate: { input: TermRowFilter; output: TermRowFilter } | null = null
  if (added.length >= FILTERED_FROM_ROWS) {
    estimate = { input: new TermRowFilter(), output: new TermRowFilter() }
    for (const row of added) {
      estimate.input.addRow(distinctTerms(tokenize(row.features.input), MAX_NGRAM))
      estimate.output.addRow(distinctTerms(tokenize(row.features.output), MAX_NGRAM))
    }
  }
  const inputRows = new Map<string, number>()
  // "group \0 term" -> rows: a flat map rather than a map per term.
  const inputGroupRows = new Map<string, number>()
  const outputRows = new Map<string, number>()
  for (const row of added) {
    const group = groups.get(row)
    for (const term of distinctTerms(tokenize(row.features.input), MAX_NGRAM)) {
      const everyWord = labelled && !term.includes(' ')
      if (estimate && !everyWord && estimate.input.bound(term) < 2) continue
      increment(inputRows, term)
      if (group !== undefined) increment(inputGroupRows, `${group}\u0000${term}`)
    }
    for (const term of distinctTerms(tokenize(row.features.output), MAX_NGRAM)) {
      if (estimate && estimate.output.bound(term) < minOutputRows) continue
      increment(outputRows, term)
    }
  }
  const topGroupRows = new Map<string, number>()
  for (const [key, rows] of inputGroupRows) {
    const term = key.slice(key.indexOf('\u0000') + 1)
    if (rows > (topGroupRows.get(term) ?? 0)) topGroupRows.set(term, rows)
  }
  // A prompt term can only be a trigger if its rows share a target (label or response); an
  // answer term can only be injected content if it is in a notable share of the answers.
  const wantedInput: string[] = []
  for (const [term, rows] of inputRows) {
    const top = topGroupRows.get(term) ?? 0
    if ((labelled && !term.includes(' ')) || (rows >= 2 && top >= MIN_TRIGGER_PURITY * rows))
      wantedInput.push(term)
  }
  const wantedOutput: string[] = []
  for (const [term, rows] of outputRows) if (rows >= minOutputRows) wantedOutput.push(term)
  const answerKeys = new Set<string>()
  if (labelled) {
    for (const row of added)
      if (row.features.input) answerKeys.add(hashText(normalizeForMatch(row.features.input)))
  }
  return { input: termsOfInterest(wantedInput, answerKeys), output: termsOfInterest(wantedOutput) }
}

function termsOfInterest(wanted: string[], answerKeys = new Set<string>()): Interest {
  const words = new Set<string>()
  const phrases = new Set<string>()
  const prefixes = new Set<string>()
  for (const term of wanted) {
    const parts = term.split(' ')
    // The words of a phrase are counted too: "is this phrase made of common words?"
    for (const part of parts) words.add(part)
    if (parts.length === 1) continue
    phrases.add(term)
    for (let n = 1; n < parts.length; n++) prefixes.add(parts.slice(0, n).join(' '))
  }
  return { words, phrases, prefixes, answerKeys }
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1)
}
