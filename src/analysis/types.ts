import type { DatasetShape, AddedRow, RemovedRow } from '../dataset/types.js'
import type { WordShapeModel } from '../dataset/word-shape.js'
import type { DatasetFormat, FileStatus, ParseProblem, ReadEvent } from '../types.js'
import type { DatasetProfile } from '../dataset/profile.js'
import type { CharNgramModel } from '../sketch/charlm.js'
import type { TermStats } from './term-stats.js'

/** What the detectors know about the base version of a file, gathered in streaming passes. */
export interface BaseSummary {
  rowCount: number
  /** How many base rows equal an added row (by canonical hash); asked only about added rows. */
  rowHashes: { copies(hash: string): number }
  labelCounts: Map<string, number>
  /** Input-side terms, restricted to the terms the added rows contain, grouped by label. */
  inputTerms: TermStats
  /** Output-side terms (instruction outputs, assistant turns), restricted likewise. */
  outputTerms: TermStats
  /** Every input token of the base with its row count (capped), for word-shape calibration. */
  vocabulary: Map<string, number>
  wordShape: WordShapeModel
  /** Normalised input hash -> the label the base gives it (CONFLICT if several), for added texts only. */
  answers: Map<string, string>
  /** Invisible/deceptive code point -> base rows containing it. */
  codePoints: Map<number, number>
  /** Base rows with a prompt-injection or disclosure phrase (non-conversational data only). */
  disclosureRows: number
  /** Base rows containing a lookalike (homoglyph) word. */
  homoglyphRows: number
  /** Character language model of the base text, with held-out texts to calibrate it. */
  textModel: TextModel
  /** Domains (host names) seen in the base text -> rows. */
  domains: Map<string, number>
  problems: ParseProblem[]
}

export interface TextModel {
  /** Two models, each fitted on one half of the sampled base rows. */
  halves: [CharNgramModel, CharNgramModel]
  /**
   * Sampled base texts and the half they were fitted in: scored by the other half's model (the
   * score is filled in once the models are complete).
   */
  heldOut: Array<{ text: string; half: 0 | 1; score?: number }>
}

export const CONFLICT = '\u0000conflict'

export interface FileContext {
  path: string
  previousPath: string | null
  status: FileStatus
  format: DatasetFormat | null
}

/** Everything a check reads: pure data, no I/O. */
export interface Analysis {
  file: FileContext
  /** Layout of the base (or of the head for a new file): decides which text is input and output. */
  shape: DatasetShape
  /** Layout inferred from the head alone, to notice schema changes. */
  headShape: DatasetShape
  base: BaseSummary
  head: { rowCount: number; labelCounts: Map<string, number>; problems: ParseProblem[] }
  added: AddedRow[]
  removed: RemovedRow[]
  /** Column profiles (counts, nulls, quantiles, categories, text lengths), mergeable across shards. */
  profiles: { base: DatasetProfile; head: DatasetProfile; added: DatasetProfile }
  /** Added rows that replace a removed row (same key column, or same input text). */
  modified: Array<{ added: AddedRow; removed: RemovedRow }>
}

export type RowSource = () => AsyncIterable<ReadEvent>
