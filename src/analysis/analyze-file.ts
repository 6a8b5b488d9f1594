import { pairModified } from '../diff/modified.js'
import { RowMultiset } from '../diff/multiset.js'
import { rowFeatures } from '../dataset/features.js'
import { DatasetProfileBuilder } from '../dataset/profile.js'
import { hashText, normalizeForMatch, rowHash } from '../dataset/hash.js'
import { inferShape, type ShapeHints } from '../dataset/shape.js'
import { distinctTerms, isAlphabetic, tokenize } from '../dataset/tokens.js'
import type { AddedRow, DatasetShape, RemovedRow, RowFeatures } from '../dataset/types.js'
import { WordShapeModel } from '../dataset/word-shape.js'
import type { ParseProblem, Row, RowValues } from '../types.js'
import { scanDisclosure } from '../scan/disclosure.js'
import { scanHomoglyphs } from '../scan/homoglyph.js'
import { scanUnicode } from '../scan/unicode.js'
import { CharNgramModel } from '../sketch/charlm.js'
import { murmur3 } from '../sketch/hash.js'
import { extractDomains } from './domains.js'
import { targetGroups } from './groups.js'
import { TermStats } from './term-stats.js'
import {
  CONFLICT,
  type Analysis,
  type BaseSummary,
  type FileContext,
  type RowSource,
  type TextModel
} from './types.js'

const SHAPE_SAMPLE = 1000
/** Base rows the character model is fitted on, at most (a sample of larger files). */
const TEXT_MODEL_ROWS = 20_000
const MAX_HELD_OUT = 5000
export const MIN_MODEL_TEXT = 20
/** Characters of a row's text that the character model and MinHash look at. */
export const MAX_MODEL_TEXT = 64 * 1024
const SAMPLE_SEED = 0x2545f491
const VOCABULARY_CAP = 2_000_000
/** n-gram length for trigger phrases ("current year 2024", "i watch this 3d movie" share a 3-gram). */
export const MAX_NGRAM = 3
/** Purity below which no term can be a trigger whatever the policy (trigger.token's lowest useful). */
const MIN_TRIGGER_PURITY = 0.5
/** Share of added answers below which no term is counted as possible injected content. */
const MIN_OUTPUT_TERM_SHARE = 0.01

export interface AnalyzeOptions {
  hints?: ShapeHints
  /** Called now and then with rows read so far, for progress output. */
  onProgress?: (rowsRead: number) => void
}

/**
 * Compares the base and head versions of one dataset file. Base rows are streamed twice (first to
 * learn which head rows are new, then to gather statistics only for the terms those new rows
 * contain), head rows once; only the added and removed rows are held in memory.
 */
export async function analyzeFile(
  file: FileContext,
  readBase: RowSource | null,
  readHead: RowSource | null,
  options: AnalyzeOptions = {}
): Promise<Analysis> {
  const shape = await sampleShape(readBase ?? readHead, options.hints)
  const headShape = readHead && readBase ? await sampleShape(readHead, options.hints) : shape

  // Pass 1 over the base: row multiset.
  const baseProblems: ParseProblem[] = []
  const rowHashes = new RowMultiset()
  // A 32-bit fingerprint of each base row's hash, in file order: the second pass recomputes the
  // full hash only for rows that may be removed ones.
  const fingerprints = new GrowableUint32Array()
  let baseRows = 0
  const columns = shape.columns.map((c) => c.name)
  const baseProfile = new DatasetProfileBuilder(columns)
  const headProfile = new DatasetProfileBuilder(columns)
  const addedProfile = new DatasetProfileBuilder(columns)
  if (readBase) {
    for await (const row of rowsOf(readBase, baseProblems)) {
      baseProfile.add(row.values)
      const hash = rowHash(row.values)
      rowHashes.add(hash)
      fingerprints.push(murmur3(hash))
      baseRows++
    }
  }

  // Head: rows beyond the base multiset are the added rows.
  const headProblems: ParseProblem[] = []
  const remaining = rowHashes.remaining()
  const added: AddedRow[] = []
  const headLabels = new Map<string, number>()
  let headRows = 0
  if (readHead) {
    for await (const row of rowsOf(readHead, headProblems)) {
      headRows++
      if (headRows % 100_000 === 0) options.onProgress?.(baseRows + headRows)
      headProfile.add(row.values)
      const hash = rowHash(row.values)
      const features = safeFeatures(row, shape, headProblems)
      if (!features) continue
      if (features.label !== null) increment(headLabels, features.label)
      if (!remaining.take(hash)) {
        added.push({ line: row.line, row: row.row, values: row.values, hash, features })
        addedProfile.add(row.values)
      }
    }
  }

  // Pass 2 over the base: statistics restricted to what the added rows need, and removed rows.
  const interest = interestOf(added, shape)
  const base = emptySummary(baseRows, rowHashes, baseProblems)
  const removed: RemovedRow[] = []
  const modelShare = Math.min(1, TEXT_MODEL_ROWS / Math.max(baseRows, 1))
  if (readBase) {
    let toCollect = remaining.count
    const removedFingerprints = new Set(remaining.hashes().map((hash) => murmur3(hash)))
    let index = 0
    for await (const row of rowsOf(readBase, [])) {
      const fingerprint = fingerprints.get(index++)
      const features = safeFeatures(row, shape, [])
      if (!features) continue
      if (toCollect > 0 && removedFingerprints.has(fingerprint)) {
        const hash = rowHash(row.values)
        if (remaining.take(hash)) {
          toCollect--
          removed.push({ line: row.line, row: row.row, values: row.values, hash, features })
        }
      }
      summarizeBaseRow(base, features, interest)
      fitTextModel(base.textModel, features, modelShare)
    }
  }
  finishWordShape(base)

  return {
    file,
    shape,
    headShape,
    base,
    head: { rowCount: headRows, labelCounts: headLabels, problems: headProblems },
    added,
    removed,
    profiles: {
      base: baseProfile.finish(),
      head: headProfile.finish(),
      added: addedProfile.finish()
    },
    modified: pairModified(added, removed, shape)
  }
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
export interface Interest {
  words: Set<string>
  phrases: Set<string>
  /** Every proper prefix of a phrase ("a", "a b" for "a b c"), to extend phrases only where useful. */
  prefixes: Set<string>
  /** Normalised input hashes of added classification rows. */
  answerKeys: Set<string>
}

function interestOf(added: AddedRow[], shape: DatasetShape): Interest {
  const groups = targetGroups(added, shape)
  const labelled = shape.kind === 'classification'
  const inputTerms = new Map<string, { rows: number; groups: Map<string, number> }>()
  const outputTerms = new Map<string, number>()
  for (const row of added) {
    const group = groups.get(row)
    for (const term of distinctTerms(tokenize(row.features.input), MAX_NGRAM)) {
      let entry = inputTerms.get(term)
      if (!entry) inputTerms.set(term, (entry = { rows: 0, groups: new Map() }))
      entry.rows++
      if (group !== undefined) entry.groups.set(group, (entry.groups.get(group) ?? 0) + 1)
    }
    for (const term of distinctTerms(tokenize(row.features.output), MAX_NGRAM))
      outputTerms.set(term, (outputTerms.get(term) ?? 0) + 1)
  }
  // A prompt term can only be a trigger if its rows share a target (label or response); an
  // answer term can only be injected content if it is in a notable share of the answers.
  const minOutputRows = Math.max(2, Math.ceil(added.length * MIN_OUTPUT_TERM_SHARE))
  const wanted = new Set<string>()
  for (const [term, { rows, groups: byGroup }] of inputTerms) {
    const top = Math.max(0, ...byGroup.values())
    if ((labelled && !term.includes(' ')) || (rows >= 2 && top >= MIN_TRIGGER_PURITY * rows))
      wanted.add(term)
  }
  for (const [term, rows] of outputTerms) if (rows >= minOutputRows) wanted.add(term)
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
  const answerKeys = new Set<string>()
  if (labelled) {
    for (const row of added)
      if (row.features.input) answerKeys.add(hashText(normalizeForMatch(row.features.input)))
  }
  return { words, phrases, prefixes, answerKeys }
}

/** The terms of interest a token sequence contains, without building the others. */
export function interestingTerms(tokens: string[], interest: Interest): Set<string> {
  const found = new Set<string>()
  for (let i = 0; i < tokens.length; i++) {
    let gram = tokens[i]
    if (interest.words.has(gram)) found.add(gram)
    for (let n = 2; n <= MAX_NGRAM && i + n - 1 < tokens.length; n++) {
      if (!interest.prefixes.has(gram)) break
      gram += ' ' + tokens[i + n - 1]
      if (interest.phrases.has(gram)) found.add(gram)
    }
  }
  return found
}

function emptySummary(
  rowCount: number,
  rowHashes: RowMultiset,
  problems: ParseProblem[]
): BaseSummary {
  return {
    rowCount,
    rowHashes,
    labelCounts: new Map(),
    inputTerms: new TermStats(MAX_NGRAM),
    outputTerms: new TermStats(MAX_NGRAM),
    vocabulary: new Map(),
    wordShape: new WordShapeModel(),
    answers: new Map(),
    codePoints: new Map(),
    homoglyphRows: 0,
    disclosureRows: 0,
    domains: new Map(),
    textModel: { halves: [new CharNgramModel(), new CharNgramModel()], heldOut: [] },
    problems
  }
}

function summarizeBaseRow(base: BaseSummary, features: RowFeatures, interest: Interest): void {
  const { input, output, label } = features
  if (label !== null) increment(base.labelCounts, label)
  const inputTokens = tokenize(input)
  base.inputTerms.addTerms(interestingTerms(inputTokens, interest), label)
  if (output) base.outputTerms.addTerms(interestingTerms(tokenize(output), interest), null)
  // The whole vocabulary (for the word-shape model) only where a check uses it: labelled data.
  if (label !== null) {
    for (const token of new Set(inputTokens)) {
      if (base.vocabulary.size < VOCABULARY_CAP || base.vocabulary.has(token))
        increment(base.vocabulary, token)
    }
  }
  if (label !== null && input && interest.answerKeys.size) {
    const key = hashText(normalizeForMatch(input))
    if (interest.answerKeys.has(key)) {
      const known = base.answers.get(key)
      if (known === undefined) base.answers.set(key, label)
      else if (known !== label) base.answers.set(key, CONFLICT)
    }
  }
  for (const domain of extractDomains(features.allText)) increment(base.domains, domain)
  // Conversational data judges injection phrases by where they sit in the row, not by the base.
  if (!features.output && scanDisclosure(features.allText).length) base.disclosureRows++
  if (MAYBE_DECEPTIVE.test(features.allText)) {
    for (const cp of new Set(scanUnicode(features.allText).map((h) => h.codePoint)))
      base.codePoints.set(cp, (base.codePoints.get(cp) ?? 0) + 1)
    if (scanHomoglyphs(features.allText).length) base.homoglyphRows++
  }
}

/** Cheap pre-test: only text with control or non-ASCII characters can hold what the scanners seek. */
const MAYBE_DECEPTIVE = /[^\t\n\r\x20-\x7e]/u

/**
 * Two character models are cross-fitted on halves of a deterministic sample of base rows (enough
 * to learn the language, bounded whatever the file size): each sampled row is scored later by the
 * model of the other half, so every sampled row gives an honest held-out score to calibrate on.
 */
function fitTextModel(model: TextModel, features: RowFeatures, share: number): void {
  const text = modelText(features)
  if (text.length < MIN_MODEL_TEXT) return
  // Drawn by content, so the sample does not depend on row order or sharding.
  const draw = murmur3(text, SAMPLE_SEED)
  if (share < 1 && draw / 0x100000000 >= share) return
  const half = (draw & 1) as 0 | 1
  model.halves[half].add(text)
  if (model.heldOut.length < MAX_HELD_OUT) model.heldOut.push({ text, half })
}

/** The text a row contributes to the model: what the model reads and what it answers. */
export function modelText(features: RowFeatures): string {
  const { input, output, allText } = features
  const text = input || output ? [input, output].filter(Boolean).join('\n') : allText
  // Model scoring and MinHash cost time per character; a few pages say all there is to say.
  return text.length > MAX_MODEL_TEXT ? text.slice(0, MAX_MODEL_TEXT) : text
}

function finishWordShape(base: BaseSummary): void {
  for (const [token, rows] of base.vocabulary) {
    if (isAlphabetic(token)) base.wordShape.addToken(token, rows)
  }
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1)
}

/** A Uint32Array that grows: one fingerprint per base row without an array of boxed numbers. */
class GrowableUint32Array {
  private data = new Uint32Array(1024)
  private length = 0

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2)
      next.set(this.data)
      this.data = next
    }
    this.data[this.length++] = value
  }

  get(index: number): number {
    return index < this.length ? this.data[index] : 0
  }
}
