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
const TEXT_MODEL_ROWS = 40_000
const MAX_HELD_OUT = 5000
export const MIN_MODEL_TEXT = 20
/** Characters of a row's text that the character model and MinHash look at. */
export const MAX_MODEL_TEXT = 64 * 1024
const SAMPLE_SEED = 0x2545f491
const VOCABULARY_CAP = 2_000_000
/** n-gram length for trigger phrases ("current year 2024", "i watch this 3d movie" share a 3-gram). */
export const MAX_NGRAM = 3

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
  const interest = termsOfInterest(added)
  const base = emptySummary(baseRows, rowHashes, baseProblems)
  const removed: RemovedRow[] = []
  const modelShare = Math.min(1, TEXT_MODEL_ROWS / Math.max(baseRows, 1))
  if (readBase) {
    let toCollect = remaining.count
    for await (const row of rowsOf(readBase, [])) {
      const features = safeFeatures(row, shape, [])
      if (!features) continue
      const hash = toCollect > 0 ? rowHash(row.values) : ''
      if (toCollect > 0 && remaining.take(hash)) {
        toCollect--
        removed.push({ line: row.line, row: row.row, values: row.values, hash, features })
      }
      summarizeBaseRow(base, features, interest)
      fitTextModel(base.textModel, features, rowHash(row.values), modelShare)
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

function termsOfInterest(added: AddedRow[]): Set<string> {
  const terms = new Set<string>()
  for (const row of added) {
    for (const t of distinctTerms(tokenize(row.features.input), MAX_NGRAM)) terms.add(t)
    for (const t of distinctTerms(tokenize(row.features.output), MAX_NGRAM)) terms.add(t)
  }
  return terms
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
    textHashes: new Map(),
    codePoints: new Map(),
    homoglyphRows: 0,
    disclosureRows: 0,
    domains: new Map(),
    textModel: { halves: [new CharNgramModel(), new CharNgramModel()], heldOut: [] },
    problems
  }
}

function summarizeBaseRow(base: BaseSummary, features: RowFeatures, interest: Set<string>): void {
  const { input, output, label } = features
  if (label !== null) increment(base.labelCounts, label)
  const inputTokens = tokenize(input)
  base.inputTerms.addTerms(restrict(distinctTerms(inputTokens, MAX_NGRAM), interest), label)
  base.outputTerms.addTerms(restrict(distinctTerms(tokenize(output), MAX_NGRAM), interest), null)
  for (const token of new Set(inputTokens)) {
    if (base.vocabulary.size < VOCABULARY_CAP || base.vocabulary.has(token))
      increment(base.vocabulary, token)
  }
  const answer = label ?? (output ? hashText(normalizeForMatch(output)) : null)
  if (input && answer !== null) {
    const key = hashText(normalizeForMatch(input))
    const known = base.answers.get(key)
    if (known === undefined) base.answers.set(key, answer)
    else if (known !== answer) base.answers.set(key, CONFLICT)
  }
  increment(base.textHashes, hashText(normalizeForMatch(features.allText)))
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
function fitTextModel(model: TextModel, features: RowFeatures, hash: string, share: number): void {
  const text = modelText(features)
  if (text.length < MIN_MODEL_TEXT) return
  const draw = murmur3(hash, SAMPLE_SEED)
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

function restrict(terms: Set<string>, interest: Set<string>): string[] {
  const kept: string[] = []
  for (const t of terms) if (interest.has(t)) kept.push(t)
  return kept
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1)
}
