import { hashText, normalizeForMatch } from '../dataset/hash.js'
import { isAlphabetic, tokenize } from '../dataset/tokens.js'
import type { RowFeatures } from '../dataset/types.js'
import { WordShapeModel } from '../dataset/word-shape.js'
import { scanDisclosure } from '../scan/disclosure.js'
import { scanHomoglyphs } from '../scan/homoglyph.js'
import { scanUnicode } from '../scan/unicode.js'
import { CharNgramModel, type CharNgramState } from '../sketch/charlm.js'
import { murmur3 } from '../sketch/hash.js'
import { extractDomains } from './domains.js'
import { interestingTerms, MAX_NGRAM, type Interest } from './interest.js'
import { SampledTermCounter } from './term-sampling.js'
import { TermStats, type TermStatsState } from './term-stats.js'
import { CONFLICT, type BaseSummary, type TextModel } from './types.js'

export const MIN_MODEL_TEXT = 20
/** Characters of a row's text that the character model and MinHash look at. */
export const MAX_MODEL_TEXT = 64 * 1024
const MAX_HELD_OUT = 5000
const VOCABULARY_CAP = 2_000_000
/** Which half of the model a text is fitted in: by content, so it does not depend on row order. */
const HALF_SEED = 0x2545f491

/** What the text statistics of a base are gathered for: decided by the added rows. */
export interface BaseTextConfig {
  input: Interest
  output: Interest
  /** Labelled data: every prompt word is counted exactly (the label model needs them). */
  labelled: boolean
  /**
   * Rows may carry a label (the layout has a label column): prompt terms are then counted per
   * label too, and counts per label are always exact.
   */
  hasLabels: boolean
  /** Share of rows on which common terms are counted (1: every count exact). */
  termShare: number
  /** Share of rows the character model is fitted on. */
  modelShare: number
}

/**
 * The text views of one base row, and its draw in [0, 1) for the content-drawn samples. `allText`
 * is only read when the row has neither input nor output text (see `modelText`).
 */
export interface BaseTextRow {
  input: string
  output: string
  allText: string
  label: string | null
  draw: number
}

/** The statistics as plain data, to pass between threads. */
export interface BaseTextState {
  labelCounts: Map<string, number>
  inputTerms: TermStatsState
  outputTerms: TermStatsState
  vocabulary: Map<string, number>
  answers: Map<string, string>
  halves: [CharNgramState, CharNgramState]
  heldOut: TextModel['heldOut']
}

export type BaseTextSummary = Omit<
  BaseSummary,
  | 'rowCount'
  | 'rowHashes'
  | 'problems'
  | 'domains'
  | 'codePoints'
  | 'homoglyphRows'
  | 'disclosureRows'
>

/**
 * What the checks learn from the text views of the base's rows: term counts restricted to the
 * added rows' terms of interest, labels, the vocabulary, which label each text has, the character
 * model. Rows must be added in file order; the result depends on nothing else, so it is the same
 * whether this runs on the main thread or in a worker beside it (see base-text-pipeline.ts).
 * The deceptive-content scans that read every string of a row are in BaseScanStats.
 */
export class BaseTextStats {
  private readonly summary: BaseTextSummary = {
    labelCounts: new Map(),
    inputTerms: new TermStats(MAX_NGRAM),
    outputTerms: new TermStats(MAX_NGRAM),
    vocabulary: new Map(),
    wordShape: new WordShapeModel(),
    answers: new Map(),
    textModel: { halves: [new CharNgramModel(), new CharNgramModel()], heldOut: [] }
  }
  /** Null for labelled data. */
  private readonly inputCounter: SampledTermCounter | null
  private readonly outputCounter: SampledTermCounter

  constructor(private readonly config: BaseTextConfig) {
    const everyRow = config.termShare >= 1
    this.inputCounter = config.labelled
      ? null
      : new SampledTermCounter(config.input, this.summary.inputTerms, everyRow || config.hasLabels)
    this.outputCounter = new SampledTermCounter(config.output, this.summary.outputTerms, everyRow)
  }

  add(row: BaseTextRow): void {
    const base = this.summary
    const { input, output, label, draw } = row
    const sampled = draw < this.config.termShare
    if (label !== null) increment(base.labelCounts, label)
    if (this.inputCounter) {
      this.inputCounter.add(input, sampled, label)
    } else {
      const inputTokens = tokenize(input)
      base.inputTerms.addTerms(interestingTerms(inputTokens, this.config.input), label)
      // The whole vocabulary (for the word-shape model) only where a check uses it: labelled data.
      if (label !== null) {
        for (const token of new Set(inputTokens)) {
          if (base.vocabulary.size < VOCABULARY_CAP || base.vocabulary.has(token))
            increment(base.vocabulary, token)
        }
      }
    }
    if (output) this.outputCounter.add(output, sampled, null)
    const answerKeys = this.config.input.answerKeys
    if (label !== null && input && answerKeys.size) {
      const key = hashText(normalizeForMatch(input))
      if (answerKeys.has(key)) {
        const known = base.answers.get(key)
        if (known === undefined) base.answers.set(key, label)
        else if (known !== label) base.answers.set(key, CONFLICT)
      }
    }
    if (draw < this.config.modelShare) fitTextModel(base.textModel, modelText(row))
  }

  /** The statistics once every row was added (call once). */
  finish(): BaseTextState {
    this.inputCounter?.finish()
    this.outputCounter.finish()
    const base = this.summary
    const { halves, heldOut } = base.textModel
    // Each held-out text is scored by the model of the other half, here, where the models are.
    for (const entry of heldOut) entry.score = halves[1 - entry.half].score(entry.text)
    return {
      labelCounts: base.labelCounts,
      inputTerms: base.inputTerms.toState(),
      outputTerms: base.outputTerms.toState(),
      vocabulary: base.vocabulary,
      answers: base.answers,
      halves: [halves[0].toState(), halves[1].toState()],
      heldOut
    }
  }
}

/**
 * What the base's rows hold of the deceptive or foreign: domains, invisible characters, lookalike
 * words, prompt-injection phrases. Read from every string of a row (on the main thread, where the
 * whole row is).
 */
export class BaseScanStats {
  readonly domains = new Map<string, number>()
  readonly codePoints = new Map<number, number>()
  homoglyphRows = 0
  disclosureRows = 0

  add(allText: string, output: string): void {
    for (const domain of extractDomains(allText)) increment(this.domains, domain)
    // Conversational data judges injection phrases by where they sit in the row, not by the base.
    if (!output && scanDisclosure(allText).length) this.disclosureRows++
    if (MAYBE_DECEPTIVE.test(allText)) {
      for (const cp of new Set(scanUnicode(allText).map((h) => h.codePoint)))
        this.codePoints.set(cp, (this.codePoints.get(cp) ?? 0) + 1)
      if (scanHomoglyphs(allText).length) this.homoglyphRows++
    }
  }
}

/** The summary the checks read, from the statistics' plain data. */
export function baseTextSummary(state: BaseTextState): BaseTextSummary {
  const wordShape = new WordShapeModel()
  for (const [token, rows] of state.vocabulary) {
    if (isAlphabetic(token)) wordShape.addToken(token, rows)
  }
  return {
    labelCounts: state.labelCounts,
    inputTerms: TermStats.fromState(state.inputTerms),
    outputTerms: TermStats.fromState(state.outputTerms),
    vocabulary: state.vocabulary,
    wordShape,
    answers: state.answers,
    textModel: {
      halves: [
        CharNgramModel.fromState(state.halves[0]),
        CharNgramModel.fromState(state.halves[1])
      ],
      heldOut: state.heldOut
    }
  }
}

/** Cheap pre-test: only text with control or non-ASCII characters can hold what the scanners seek. */
const MAYBE_DECEPTIVE = /[^\t\n\r\x20-\x7e]/

/**
 * Two character models are cross-fitted on halves of a deterministic sample of base rows (enough
 * to learn the language, bounded whatever the file size): each sampled row is scored later by the
 * model of the other half, so every sampled row gives an honest held-out score to calibrate on.
 */
function fitTextModel(model: TextModel, text: string): void {
  if (text.length < MIN_MODEL_TEXT) return
  const half = (murmur3(text, HALF_SEED) & 1) as 0 | 1
  model.halves[half].add(text)
  if (model.heldOut.length < MAX_HELD_OUT) model.heldOut.push({ text, half })
}

/** The text a row contributes to the model: what the model reads and what it answers. */
export function modelText(features: Pick<RowFeatures, 'input' | 'output' | 'allText'>): string {
  const { input, output, allText } = features
  const text = input || output ? [input, output].filter(Boolean).join('\n') : allText
  // Model scoring and MinHash cost time per character; a few pages say all there is to say.
  return text.length > MAX_MODEL_TEXT ? text.slice(0, MAX_MODEL_TEXT) : text
}

function increment<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1)
}
